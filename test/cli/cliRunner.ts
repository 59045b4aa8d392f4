import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli/main';
import { allRules } from '../../server/src/rules';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const repositoryRoot = path.resolve(__dirname, '..', '..');
const BIN = path.join(repositoryRoot, 'bin', 'plumbline.js');

/** Runs a command line in this process, as `plumbline …` in `cwd` with output not on a terminal. */
export async function runInProcess(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}

const MAIN = path.join(repositoryRoot, 'server', 'src', 'cli', 'main.ts');

let bundleBuilt = false;
const BUILD_LOCK_PATIENCE_MS = 120_000;

/**
 * Builds dist/ from the current sources, once per test process: the bin shim
 * runs dist/cli.js. Test files run in parallel processes; a lock directory
 * keeps two of them from writing the same bundle at once.
 */
export function buildBundle(): void {
  if (bundleBuilt) return;
  const lock = path.join(repositoryRoot, 'dist', '.test-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const giveUpAt = Date.now() + BUILD_LOCK_PATIENCE_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test process is building the same sources; a lock older than the patience is stale.
      if (Date.now() > giveUpAt) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    const build = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'build.mjs')], { cwd: repositoryRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    bundleBuilt = true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Spawns the CLI as a separate process, from the sources, or `bin/plumbline.js`
 * itself with `viaBin` (after building dist/ from the sources, so it is not stale).
 */
export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, viaBin = false): CliRun {
  if (viaBin) buildBundle();
  // The loader by absolute URL: `--import tsx` would resolve it from the temporary cwd.
  const entry = viaBin ? [BIN] : ['--import', pathToFileURL(require.resolve('tsx')).href, MAIN];
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `.plumbline.yaml` text that turns off every rule but `enabled`, so a test's
 * expected output does not change when other packs add rules. `firstRuleLines`
 * go first under `rules:` (at line 2), e.g. a deliberate mistake.
 */
export function configEnabling(enabled: readonly string[], firstRuleLines: readonly string[] = []): string {
  const off = allRules.filter((rule) => !enabled.includes(rule.meta.code)).map((rule) => `  ${rule.meta.code}: off`);
  return ['rules:', ...firstRuleLines, ...off, ''].join('\n');
}
