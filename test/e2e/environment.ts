// What the browser suite and the screenshot script share: the vsix build and the Chromium launch.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium offline and quiet (see the shared notes on running VS Code here). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Builds the vsix with `npm run package` and copies it into `targetDir`, so another build
 * running in the same checkout cannot replace it while code-server installs it.
 */
export function buildVsix(targetDir: string): string {
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const built = path.join(REPO_ROOT, `plumbline-${manifest.version}.vsix`);
  const copy = path.join(targetDir, path.basename(built));
  fs.copyFileSync(built, copy);
  console.log(`built ${path.basename(built)} with npm run package (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return copy;
}
