import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { changelogTemplate } from '../../server/src/workflows/changelog';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

const CONFIG = configEnabling(['PL504', 'PL505']);
/** A Dockerfile whose only problem is a suppression that `--fix` removes. */
const FIXABLE = 'FROM scratch\n# plumbline: disable-next-line PL504\nCOPY app /app\n';

/** Every file below the folders, path → content, to assert which paths a command changed. */
function snapshot(...folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(full, entry.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : fs.readFileSync(full, 'utf8'));
    }
  };
  folders.forEach(visit);
  return files;
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** Makes a file unwritable even for root (chattr +i); undefined when the file system cannot. */
function makeUnwritable(file: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(file, 0o444);
    return () => fs.chmodSync(file, 0o644);
  }
  if (spawnSync('chattr', ['+i', file]).status !== 0) return undefined;
  return () => spawnSync('chattr', ['-i', file]);
}

describe('check --fix writes safely', () => {
  it('a file it cannot write is reported, keeps its problems, and the other files are still fixed', async (t: TestContext) => {
    const root = makeWorkspace({ '.plumbline.yaml': CONFIG, 'docker/Dockerfile': FIXABLE, 'docker/locked.Dockerfile': FIXABLE });
    const restore = makeUnwritable(path.join(root, 'docker/locked.Dockerfile'));
    if (!restore) {
      removeWorkspace(root);
      t.skip('this file system cannot make a file unwritable for root');
      return;
    }
    try {
      const before = snapshot(root);
      const run = await runInProcess(['check', '--fix'], root);
      assert.match(run.stderr, /^warning: not fixed docker\/locked\.Dockerfile: E(PERM|ACCES)[^\n]*; its problems are reported as they are\.\n$/);
      assert.deepEqual(changedPaths(before, snapshot(root)), [path.join(root, 'docker/Dockerfile')]);
      assert.equal(
        run.stdout,
        'docker/locked.Dockerfile:2:32: warning PL505 Unused suppression: PL504 reports nothing here; remove it. [config/unused-suppression]\n' +
          'Fixed 1 problem in 1 file.\n' +
          '✖ 1 problem (0 errors, 1 warning, 0 infos) in 3 files (workspace root: .); 1 fixable with --fix\n',
      );
      assert.equal(run.status, 0);
    } finally {
      restore();
      removeWorkspace(root);
    }
  });

  it('never writes through a symlink to a file outside the workspace, even one named on the command line', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': CONFIG });
    const outside = makeWorkspace({ Dockerfile: FIXABLE });
    fs.mkdirSync(path.join(root, 'docker'));
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(root, 'docker/Dockerfile'));
    try {
      const before = snapshot(root, outside);
      const run = await runInProcess(['check', '--fix', 'docker/Dockerfile'], root);
      assert.equal(changedPaths(before, snapshot(root, outside)).length, 0);
      assert.equal(
        run.stderr,
        `warning: not fixed docker/Dockerfile: it leads to ${path.join(outside, 'Dockerfile')}, outside the workspace; its problems are reported as they are.\n`,
      );
      assert.match(run.stdout, /^docker\/Dockerfile:2:32: warning PL505 Unused suppression: PL504 reports nothing here/);
    } finally {
      removeWorkspace(root);
      removeWorkspace(outside);
    }
  });

  it('writes through a symlink to a file inside the workspace, which stays a link', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': CONFIG, 'shared/base.Dockerfile': FIXABLE });
    fs.mkdirSync(path.join(root, 'docker'));
    fs.symlinkSync('../shared/base.Dockerfile', path.join(root, 'docker/Dockerfile'));
    try {
      const before = snapshot(root);
      await runInProcess(['check', '--fix', 'docker/Dockerfile'], root);
      assert.deepEqual(changedPaths(before, snapshot(root)), [path.join(root, 'shared/base.Dockerfile')]);
      assert.equal(fs.readFileSync(path.join(root, 'shared/base.Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\n');
      assert.ok(fs.lstatSync(path.join(root, 'docker/Dockerfile')).isSymbolicLink());
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('changelog add writes safely', () => {
  it('a symlinked CHANGELOG.md stays a symlink; the entry goes into its target in the workspace', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/CHANGELOG.md': changelogTemplate() });
    fs.symlinkSync('docs/CHANGELOG.md', path.join(root, 'CHANGELOG.md'));
    try {
      const before = snapshot(root);
      const run = await runInProcess(['changelog', 'add', '--section', 'Fixed', '--author', 'Jane Doe', 'Crash on start'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(changedPaths(before, snapshot(root)), [path.join(root, 'docs/CHANGELOG.md')]);
      assert.ok(fs.lstatSync(path.join(root, 'CHANGELOG.md')).isSymbolicLink());
      assert.match(fs.readFileSync(path.join(root, 'docs/CHANGELOG.md'), 'utf8'), /### Fixed\n\n- Crash on start \(/);
    } finally {
      removeWorkspace(root);
    }
  });

  it('refuses a symlinked CHANGELOG.md that leads out of the workspace, and changes nothing', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '' });
    const outside = makeWorkspace({ 'CHANGELOG.md': changelogTemplate() });
    fs.symlinkSync(path.join(outside, 'CHANGELOG.md'), path.join(root, 'CHANGELOG.md'));
    try {
      const before = snapshot(root, outside);
      const run = await runInProcess(['changelog', 'add', '--section', 'Fixed', '--author', 'Jane Doe', 'Crash on start'], root);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /CHANGELOG\.md leads outside the workspace \(.*\); it was not written\.\n$/);
      assert.equal(changedPaths(before, snapshot(root, outside)).length, 0);
    } finally {
      removeWorkspace(root);
      removeWorkspace(outside);
    }
  });
});
