import { execFileSync } from 'node:child_process';

/** `git config user.name` as seen from a directory, or undefined when git or the setting is missing. */
export function gitUserName(cwd: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return name.trim() || undefined;
  } catch {
    return undefined;
  }
}
