import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

/** The language server bundled as `dist/server.js` ships, written into the run's directory. */
export async function bundleServer(repoRoot: string, workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'server.js');
  await build({
    entryPoints: [path.join(repoRoot, 'server/src/lsp/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    logLevel: 'error',
  });
  return outfile;
}

export function spawnServer(bundle: string): ChildProcess {
  return spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/**
 * CPU milliseconds a process has used so far, every thread (GC helpers
 * included), from each thread's `/proc/<pid>/task/<tid>/schedstat`: its first
 * field is nanoseconds on a CPU, so one keystroke's few milliseconds are
 * measurable where `/proc/<pid>/stat` counts 10 ms ticks. Undefined off Linux.
 */
export function processCpuMs(pid: number): number | undefined {
  const tasks = `/proc/${pid}/task`;
  let threads: string[];
  try {
    threads = fs.readdirSync(tasks);
  } catch {
    return undefined;
  }
  let nanoseconds = 0;
  for (const thread of threads) {
    try {
      nanoseconds += Number(fs.readFileSync(`${tasks}/${thread}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between the listing and the read has nothing left to count here.
    }
  }
  return nanoseconds / 1e6;
}
