import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { buildBundle } from './cliRunner';

const repositoryRoot = path.resolve(__dirname, '..', '..');

/**
 * A copy of the bundle without one parser chunk, as a half-copied or
 * half-rebuilt install leaves it, and a workspace of `files`; `check` runs
 * the copy's CLI over the workspace.
 */
function brokenInstall(missingChunk: string, files: Record<string, string>) {
  const state = { bundle: '', root: '' };
  before(() => {
    buildBundle();
    state.bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-broken-bundle-'));
    fs.cpSync(path.join(repositoryRoot, 'dist'), state.bundle, { recursive: true });
    fs.rmSync(path.join(state.bundle, 'chunks', missingChunk));
    state.root = makeWorkspace(files);
  });
  after(() => {
    fs.rmSync(state.bundle, { recursive: true, force: true });
    removeWorkspace(state.root);
  });
  return () =>
    spawnSync(process.execPath, [path.join(state.bundle, 'cli.js'), 'check', '.', '--no-cache', '--jobs', '1'], { cwd: state.root, encoding: 'utf8' });
}

describe('an install that lost a parser chunk', () => {
  const check = brokenInstall('lezer-python.js', { 'app.py': 'def handle(event):\n    print(event)\n', Dockerfile: 'FROM python:3.12.7-slim\nUSER app\n' });

  it('reports one failure for the file it cannot parse, not one per rule, and still checks the rest', () => {
    const run = check();
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.match(/internal error: rule \S+ failed on app\.py/g)?.length, 1, run.stderr);
    assert.match(run.stderr, /No rule could read this python file: Error: Cannot find module '\.\/chunks\/lezer-python\.js'/);
    assert.match(run.stdout, /Dockerfile:1:1: warning PL103/);
    assert.match(run.stdout, /✖ 1 rule failure \(PL\d+ on app\.py\)/);
  });
});

describe('an install that lost the Markdown parser', () => {
  const check = brokenInstall('markdown.js', {
    'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
    'docs/guide.md': '# Guide\n\nHow to run the service.\n',
    'services/api/NOTES.md': '# Notes\n',
    'services/api/app.py': '"""The API."""\n',
  });

  it('still checks the Markdown files no rule reads the text of: only the changelog fails', () => {
    const run = check();
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.match(/internal error: rule \S+ failed on /g)?.length, 1, run.stderr);
    assert.match(run.stderr, /failed on CHANGELOG\.md[\s\S]*No rule could read this markdown file: Error: Cannot find module '\.\/chunks\/markdown\.js'/);
    assert.match(run.stdout, /^services\/api\/NOTES\.md:1:1: info PL405 Documentation belongs under docs\//m);
    assert.match(run.stdout, /✖ 1 rule failure \(PL\d+ on CHANGELOG\.md\)/);
  });
});
