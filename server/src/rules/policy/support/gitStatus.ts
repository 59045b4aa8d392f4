/**
 * Whether a file has uncommitted changes, from `git status`. git runs without
 * a shell, from an absolute PATH entry outside the workspace (a `git` that a
 * repository ships never runs), and not at all outside a git repository.
 * Answers are cached per file until the index reports a change to it (a save,
 * a buffer edit, a file event) or a few seconds pass, so commits and `git add`
 * made outside the editor show up at the next check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceIndex } from '../../../engine/workspaceIndex';
import { childProcess, gitExecutable } from '../../../workflows/git';

export type GitChange = 'staged' | 'modified' | 'untracked';

const CACHE_MILLISECONDS = 5000;
const GIT_TIMEOUT_MILLISECONDS = 3000;

/** Whether the directory is inside a git work tree: a `.git` folder or file at or above it. */
export function isInGitRepository(directory: string): boolean {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/** Reads `git status --porcelain` for one file: what is uncommitted about it, in the index and the working tree. */
function readGitChanges(git: string, filePath: string): GitChange[] {
  const output = childProcess().execFileSync(git, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', path.basename(filePath)], {
    cwd: path.dirname(filePath),
    encoding: 'utf8',
    timeout: GIT_TIMEOUT_MILLISECONDS,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const entry = output.split('\0')[0] ?? '';
  if (entry.length < 3) return [];
  const [staged, worktree] = [entry[0]!, entry[1]!];
  if (staged === '?') return ['untracked'];
  const changes: GitChange[] = [];
  if (staged !== ' ') changes.push('staged');
  if (worktree !== ' ') changes.push('modified');
  return changes;
}

interface Cached {
  at: number;
  changes: GitChange[] | undefined;
}

/** Key of the last answer for a file, which the index drops when the file changes. */
const GIT_STATUS = Symbol('git status');

/** The file's uncommitted changes; undefined when git is unavailable, fails, or the workspace is no git repository. */
export function uncommittedChanges(index: WorkspaceIndex, filePath: string): GitChange[] | undefined {
  // git's answer changes with commits and `git add`, which no file digest sees.
  index.markVolatile();
  const cached = index.deriveOfFile(filePath, GIT_STATUS, (): Cached => ({ at: -Infinity, changes: undefined }));
  if (Date.now() - cached.at < CACHE_MILLISECONDS) return cached.changes;
  let changes: GitChange[] | undefined;
  const git = isInGitRepository(path.dirname(filePath)) ? gitExecutable(index.root) : undefined;
  if (git) {
    try {
      changes = readGitChanges(git, filePath);
    } catch {
      changes = undefined;
    }
  }
  cached.at = Date.now();
  cached.changes = changes;
  return changes;
}
