import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeSet } from '../engine/changes';
import { childProcess, gitExecutable } from './git';

/** git is missing, the folder is not a repository, or the ref is unknown: the message says which. */
export class GitError extends Error {}

/** The git executable from PATH, never one inside the workspace; a GitError when there is none. */
function requireGit(workspaceRoot: string): string {
  const git = gitExecutable(workspaceRoot);
  if (!git) throw new GitError('git was not found on PATH');
  return git;
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
  const git = requireGit(workspaceRoot);
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
