import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { buildBundle } from './cliRunner';

const repositoryRoot = path.resolve(__dirname, '..', '..');

describe('an install that lost a parser chunk', () => {
  let bundle: string;
  let root: string;
  before(() => {
    buildBundle();
    // A copy of the bundle without the Python parser, as a half-copied or half-rebuilt install leaves it.
    bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-broken-bundle-'));
    fs.cpSync(path.join(repositoryRoot, 'dist'), bundle, { recursive: true });
    fs.rmSync(path.join(bundle, 'chunks', 'lezer-python.js'));
    root = makeWorkspace({ 'app.py': 'def handle(event):\n    print(event)\n', Dockerfile: 'FROM python:3.12.7-slim\nUSER app\n' });
  });
  after(() => {
    fs.rmSync(bundle, { recursive: true, force: true });
    removeWorkspace(root);
  });

  it('reports one failure for the file it cannot parse, not one per rule, and still checks the rest', () => {
    const run = spawnSync(process.execPath, [path.join(bundle, 'cli.js'), 'check', '.', '--no-cache', '--jobs', '1'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.match(/internal error: rule \S+ failed on app\.py/g)?.length, 1, run.stderr);
    assert.match(run.stderr, /No rule could read this python file: Error: Cannot find module '\.\/chunks\/lezer-python\.js'/);
    assert.match(run.stdout, /Dockerfile:1:1: warning PL103/);
    assert.match(run.stdout, /✖ 1 rule failure \(PL\d+ on app\.py\)/);
  });
});
