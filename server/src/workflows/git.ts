import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAtOrBelow } from '../engine/fileSystem';

let loaded: typeof ChildProcess | undefined;

/** node:child_process, loaded on first use: loading it (with net and stream) cost every CLI run about 14 ms. */
export function childProcess(): typeof ChildProcess {
  loaded ??= require('node:child_process') as typeof ChildProcess;
  return loaded;
}

const GIT_NAMES = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];

/**
 * The git executable from PATH, as an absolute path, or undefined. Relative
 * PATH entries and directories inside the workspace are skipped: a bare `git`
 * may resolve to one in the working directory (Windows looks there first),
 * and the workspace's content is not to be run.
 */
export function gitExecutable(workspaceRoot: string | undefined, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const directory of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(directory) || (workspaceRoot !== undefined && isAtOrBelow(workspaceRoot, directory))) continue;
    for (const name of GIT_NAMES) {
      const candidate = path.join(directory, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not in this directory.
      }
    }
  }
  return undefined;
}

/** `git config user.name` as seen from a directory, or undefined when git or the setting is missing. */
export function gitUserName(cwd: string): string | undefined {
  const git = gitExecutable(cwd);
  if (!git) return undefined;
  try {
    const name = childProcess().execFileSync(git, ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return name.trim() || undefined;
  } catch {
    return undefined;
  }
}
