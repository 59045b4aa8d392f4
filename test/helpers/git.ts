import { execFileSync } from 'node:child_process';
import { makeWorkspace } from './workspace';

/** The identity and branch name every test repository uses, whatever the machine's git configuration says. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Plumbline Test',
  GIT_AUTHOR_EMAIL: 'test@plumbline.invalid',
  GIT_COMMITTER_NAME: 'Plumbline Test',
  GIT_COMMITTER_EMAIL: 'test@plumbline.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in a test repository and returns its stdout. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temporary git repository on branch `main` whose first commit holds `files`. */
export function makeGitRepository(files: Record<string, string>): string {
  const root = makeWorkspace(files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Initial commit');
  return root;
}

/** Stages everything and commits it. */
export function commitAll(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
}
