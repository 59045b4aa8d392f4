import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/checkRun';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

// Any file this lands in reports one PL505, so the report shows which files were checked.
const UNUSED_SUPPRESSION = '# plumbline: disable-next-line PL504\nFROM scratch\n';

function reportedFiles(stdout: string): string[] {
  return JSON.parse(stdout).diagnostics.map((d: { file: string }) => d.file);
}

describe('plumbline check: which files are checked', () => {
  let root: string;
  before(() => {
    root = makeWorkspace({
      '.plumbline.yaml': `${configEnabling(['PL504', 'PL505'])}ignore:\n  - vendor/**\n  - docker/legacy.Dockerfile\nmaxFileSize: 4000\n`,
      '.gitignore': 'generated/\n',
      'docker/api/Dockerfile': UNUSED_SUPPRESSION,
      'docker/worker.Dockerfile': UNUSED_SUPPRESSION,
      'docker/Dockerfile.dev': UNUSED_SUPPRESSION,
      'docker/legacy.Dockerfile': UNUSED_SUPPRESSION,
      'docker/huge/Dockerfile': `${UNUSED_SUPPRESSION}${'# padding\n'.repeat(400)}`,
      'docker/binary/Dockerfile': `FROM scratch\n\u0000\u0001\n`,
      'generated/Dockerfile': UNUSED_SUPPRESSION,
      'vendor/lib/Dockerfile': UNUSED_SUPPRESSION,
      'node_modules/pkg/Dockerfile': UNUSED_SUPPRESSION,
      '.git/Dockerfile': UNUSED_SUPPRESSION,
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/Dockerfile': UNUSED_SUPPRESSION,
      'image.png': '\u0089PNG\r\n\u001a\n\u0000\u0000',
    });
  });
  after(() => removeWorkspace(root));

  it('walks directories, skipping .git, node_modules, virtualenvs, .gitignore and config ignores', async () => {
    const run = await runInProcess(['check', '--format', 'json'], root);
    assert.deepEqual(reportedFiles(run.stdout), ['docker/Dockerfile.dev', 'docker/api/Dockerfile', 'docker/worker.Dockerfile']);
    assert.equal(JSON.parse(run.stdout).summary.files, 4, 'the three Dockerfiles and .plumbline.yaml');
    assert.equal(run.status, 0);
  });

  it('skips binary and oversized files with a note on stderr', async () => {
    const run = await runInProcess(['check', 'docker'], root);
    assert.equal(
      run.stderr,
      [
        'note: skipped docker/binary/Dockerfile: binary content',
        'note: skipped docker/huge/Dockerfile: 4050 bytes, over the 4000-byte limit (maxFileSize)',
        '',
      ].join('\n'),
    );
    assert.match(run.stdout, /in 4 files/, 'three Dockerfiles and the governing .plumbline.yaml');
  });

  it('checks a file named on the command line even when .gitignore ignores it', async () => {
    const run = await runInProcess(['check', '--format', 'json', 'generated/Dockerfile'], root);
    assert.deepEqual(reportedFiles(run.stdout), ['generated/Dockerfile']);
  });

  it('notes a named file that the configuration ignores or that has no kind Plumbline checks', async () => {
    const run = await runInProcess(['check', 'docker/legacy.Dockerfile', 'image.png'], root);
    assert.equal(run.stderr, 'note: skipped docker/legacy.Dockerfile: ignored by the configuration\nnote: skipped image.png: binary content\n');
    assert.equal(run.stdout, '✔ No problems in 1 file (workspace root: .)\n', 'the .plumbline.yaml governing the named file');
  });

  it('checks each named path once', async () => {
    const run = await runInProcess(['check', '--format', 'json', 'docker/api', 'docker/api/Dockerfile', '.'], root);
    assert.deepEqual(reportedFiles(run.stdout), ['docker/Dockerfile.dev', 'docker/api/Dockerfile', 'docker/worker.Dockerfile']);
  });

  it('notes a named directory with nothing to check', async () => {
    const run = await runInProcess(['check', 'generated', 'vendor'], root);
    assert.equal(
      run.stderr,
      [
        'note: skipped generated: nothing to check (every file there is ignored or of a kind Plumbline does not check)',
        'note: skipped vendor: nothing to check (every file there is ignored or of a kind Plumbline does not check)',
        '',
      ].join('\n'),
    );
    assert.equal(run.stdout, '✔ No problems in 0 files (workspace root: .)\n');
  });

  it('--quiet hides the notes', async () => {
    const run = await runInProcess(['check', '--quiet', 'docker'], root);
    assert.equal(run.stderr, '');
  });
});

describe('plumbline check: the workspace root', () => {
  it('is the named directory when it lies outside the cwd and nothing above marks a workspace', async () => {
    const cwd = makeWorkspace({ 'unrelated/Dockerfile': UNUSED_SUPPRESSION });
    const elsewhere = makeWorkspace({ 'api/Dockerfile': 'FROM scratch\n' });
    try {
      assert.equal((await runCheck({ cwd, paths: [elsewhere] })).root, elsewhere);
      assert.equal((await runCheck({ cwd, paths: [path.join(elsewhere, 'api', 'Dockerfile')] })).root, path.join(elsewhere, 'api'));
    } finally {
      removeWorkspace(cwd);
      removeWorkspace(elsewhere);
    }
  });

  it('is the named directory inside the cwd when nothing at or above it marks a workspace, not the cwd', async () => {
    const cwd = makeWorkspace({ 'samples/api/Dockerfile': 'FROM scratch\n', 'samples/web/Dockerfile': 'FROM scratch\n', 'other/Dockerfile': 'FROM scratch\n' });
    try {
      assert.equal((await runCheck({ cwd, paths: ['samples/api'] })).root, path.join(cwd, 'samples', 'api'));
      assert.equal(
        (await runCheck({ cwd, paths: ['samples/api', 'samples/web/Dockerfile'] })).root,
        path.join(cwd, 'samples'),
        'the directory that holds every named path',
      );
      assert.equal((await runCheck({ cwd, paths: [] })).root, cwd, 'no path: the cwd');
    } finally {
      removeWorkspace(cwd);
    }
  });

  it('is the nearest directory at or above the named one with .git or .plumbline.yaml', async () => {
    const cwd = makeWorkspace({
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/services/api/Dockerfile': 'FROM scratch\n',
      'repo/services/.plumbline.yaml': 'rules: {}\n',
    });
    try {
      assert.equal((await runCheck({ cwd, paths: ['repo/services/api'] })).root, path.join(cwd, 'repo', 'services'));
      assert.equal((await runCheck({ cwd: path.join(cwd, 'repo', 'services', 'api'), paths: ['../..'] })).root, path.join(cwd, 'repo'));
    } finally {
      removeWorkspace(cwd);
    }
  });

  it('is named in the text summary (relative to the cwd) and in the JSON report (absolute)', async () => {
    const cwd = makeWorkspace({ 'samples/api/Dockerfile': UNUSED_SUPPRESSION });
    try {
      const text = await runInProcess(['check', '--quiet', 'samples/api'], cwd);
      assert.equal(text.stdout, '✔ No problems in 1 file (workspace root: samples/api)\n');
      const json = await runInProcess(['check', '--format', 'json', 'samples/api'], cwd);
      assert.equal(JSON.parse(json.stdout).root, path.join(cwd, 'samples', 'api'));
      const sarif = await runInProcess(['check', '--format', 'sarif', 'samples/api'], cwd);
      assert.equal(JSON.parse(sarif.stdout).runs[0].originalUriBaseIds.WORKSPACEROOT.uri, pathToFileURL(path.join(cwd, 'samples', 'api') + path.sep).href);
    } finally {
      removeWorkspace(cwd);
    }
  });
});

describe('plumbline check: entries a walk cannot read as files', () => {
  let root: string;
  before(() => {
    root = makeWorkspace({ 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n', 'docs/notes.txt': 'x\n' });
    spawnSync('mkfifo', [path.join(root, 'compose.yaml')]);
    fs.symlinkSync('loop-b.py', path.join(root, 'loop-a.py'));
    fs.symlinkSync('loop-a.py', path.join(root, 'loop-b.py'));
    fs.symlinkSync('nowhere.py', path.join(root, 'dangling.py'));
    // Not a kind Plumbline checks, and a link that resolves: no note for either.
    fs.symlinkSync('nowhere', path.join(root, 'docs/dangling-notes'));
    fs.symlinkSync('..', path.join(root, 'docs/up'));
  });
  after(() => removeWorkspace(root));

  it('a FIFO, a symbolic link loop and a dangling link met in a walk get a note each and do not block the run', async () => {
    const run = await runInProcess(['check'], root);
    assert.equal(
      run.stderr,
      [
        'note: skipped compose.yaml: not a regular file',
        'note: skipped dangling.py: dangling symbolic link',
        'note: skipped loop-a.py: symbolic link loop',
        'note: skipped loop-b.py: symbolic link loop',
        '',
      ].join('\n'),
    );
    assert.match(run.stdout, /No problems in 1 file/);
    assert.equal(run.status, 0);
  });

  it('naming the folder gives the same notes; a folder with none of those entries gets none', async () => {
    assert.match((await runInProcess(['check', '.'], root)).stderr, /note: skipped loop-a\.py: symbolic link loop/);
    assert.equal(
      (await runInProcess(['check', 'docs'], root)).stderr,
      'note: skipped docs: nothing to check (every file there is ignored or of a kind Plumbline does not check)\n',
    );
  });
});
