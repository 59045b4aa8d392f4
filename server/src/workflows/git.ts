import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * git from PATH's absolute directories only. A bare `git` may resolve to a
 * `git` in the working directory (Windows looks there first; a relative PATH
 * entry does it anywhere), and the working directory is the workspace, whose
 * content is not to be run.
 */
export function gitExecutable(searchPath: string = process.env.PATH ?? ''): string | undefined {
  const name = process.platform === 'win32' ? 'git.exe' : 'git';
  for (const directory of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(directory)) continue;
    const candidate = path.join(directory, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}

/** `git config user.name` as seen from a directory, or undefined when git or the setting is missing. */
export function gitUserName(cwd: string): string | undefined {
  const git = gitExecutable();
  if (!git) return undefined;
  try {
    const name = execFileSync(git, ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return name.trim() || undefined;
  } catch {
    return undefined;
  }
}
