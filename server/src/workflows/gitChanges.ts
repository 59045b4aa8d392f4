import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeSet } from '../engine/changes';
import { childProcess } from './git';

/** git is missing, the folder is not a repository, or the ref is unknown: the message says which. */
export class GitError extends Error {}

const GIT_NAMES = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];

function isInside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The git executable from PATH, as an absolute path. Relative PATH entries
 * and directories inside the workspace are skipped: a lookup relative to the
 * workspace would run a `git` the repository ships instead of the user's.
 */
export function gitExecutable(workspaceRoot: string, searchPath = process.env.PATH ?? ''): string {
  for (const directory of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(directory) || isInside(workspaceRoot, directory)) continue;
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
  throw new GitError('git was not found on PATH');
}

/**
 * Runs git without a shell. The repository's own configuration cannot run
 * programs through it: no fsmonitor hook, no external diff or text
 * conversion driver.
 */
function runGit(git: string, cwd: string, args: readonly string[]): string {
  return childProcess().execFileSync(git, ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return stderr ? stderr.split('\n')[0]! : (error as Error).message;
}

const nulSeparated = (output: string) => output.split('\0').filter((entry) => entry.length > 0);

/**
 * What changed in the repository holding `workspaceRoot` since `ref`: the
 * files that differ between the merge base of `ref` and HEAD and the working
 * tree (so commits since the ref, staged and unstaged edits, and deletions),
 * plus untracked files that .gitignore does not ignore. The merge base makes
 * `--changed-since main` mean "on this branch", as `git diff main...` does.
 */
export function changesSince(workspaceRoot: string, ref: string): ChangeSet {
  const git = gitExecutable(workspaceRoot);
  let top: string;
  try {
    top = runGit(git, workspaceRoot, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    throw new GitError(`${workspaceRoot} is not inside a git repository (${gitFailure(error)})`);
  }
  let base: string;
  try {
    base = runGit(git, top, ['merge-base', '--end-of-options', ref, 'HEAD']).trim();
  } catch (error) {
    throw new GitError(`cannot compare with "${ref}": ${gitFailure(error) || 'no common ancestor with HEAD'}`);
  }
  // git answers with the real path; the workspace may be reached through a symbolic link.
  const topAsSeen = path.resolve(workspaceRoot, path.relative(fs.realpathSync(workspaceRoot), top));
  const changed = runGit(git, top, ['diff', '--name-only', '--no-renames', '--no-ext-diff', '--no-textconv', '-z', base, '--']);
  const untracked = runGit(git, top, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set([...nulSeparated(changed), ...nulSeparated(untracked)].map((relative) => path.join(topAsSeen, relative)));
  const baseTexts = new Map<string, string | undefined>();
  return {
    ref,
    files,
    textAtBase(filePath) {
      if (!baseTexts.has(filePath)) {
        const relative = path.relative(topAsSeen, filePath).split(path.sep).join('/');
        let text: string | undefined;
        try {
          text = runGit(git, top, ['cat-file', 'blob', `${base}:${relative}`]);
        } catch {
          text = undefined;
        }
        baseTexts.set(filePath, text);
      }
      return baseTexts.get(filePath);
    },
  };
}
