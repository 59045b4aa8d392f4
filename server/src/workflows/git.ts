import type * as ChildProcess from 'node:child_process';

let loaded: typeof ChildProcess | undefined;

/** node:child_process, loaded on first use: loading it (with net and stream) cost every CLI run about 14 ms. */
export function childProcess(): typeof ChildProcess {
  loaded ??= require('node:child_process') as typeof ChildProcess;
  return loaded;
}

/** `git config user.name` as seen from a directory, or undefined when git or the setting is missing. */
export function gitUserName(cwd: string): string | undefined {
  try {
    const name = childProcess().execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return name.trim() || undefined;
  } catch {
    return undefined;
  }
}
