import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuiteContext } from './suite';

/** A private build of the current sources, laid out as the package is: bin/plumbline.js beside dist/ (cli.js, lintWorker.js…). */
export interface PackageBuild {
  bin: string;
  /** dist/cli.js, started directly. */
  bundle: string;
}

/** Builds the package's bundles with scripts/build.mjs into `<workDir>/<name>`, so every suite runs what the package ships. */
export function buildPackage(context: SuiteContext, name: string): PackageBuild {
  const packageRoot = path.join(context.workDir, name);
  fs.mkdirSync(path.join(packageRoot, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(context.repoRoot, 'bin', 'plumbline.js'), path.join(packageRoot, 'bin', 'plumbline.js'));
  fs.copyFileSync(path.join(context.repoRoot, 'package.json'), path.join(packageRoot, 'package.json'));
  const build = spawnSync(process.execPath, [path.join(context.repoRoot, 'scripts', 'build.mjs'), '--outdir', path.join(packageRoot, 'dist')], {
    cwd: context.repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  return { bin: path.join(packageRoot, 'bin', 'plumbline.js'), bundle: path.join(packageRoot, 'dist', 'cli.js') };
}
