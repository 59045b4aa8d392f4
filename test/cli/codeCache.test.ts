import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { spawnCli } from './cliRunner';

/** The one cache entry bin/plumbline.js keeps for this checkout's bundle: what its run covered, and when it was written. */
function cacheEntry(cacheHome: string): { covered: string[]; writtenMs: number } {
  const directory = path.join(cacheHome, 'plumbline');
  const [name, ...others] = fs.readdirSync(directory);
  assert.equal(others.length, 0, `one entry, not ${fs.readdirSync(directory).join(', ')}`);
  const file = path.join(directory, name!);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.toString('latin1', 0, 4), 'PLC1');
  const { covered } = JSON.parse(bytes.toString('utf8', 8, 8 + bytes.readUInt32LE(4))) as { covered: string[] };
  return { covered, writtenMs: fs.statSync(file).mtimeMs };
}

describe('bin/plumbline.js: the V8 code cache covers each kind of run it has seen', () => {
  let root: string;
  let cacheHome: string;
  before(() => {
    root = makeWorkspace({ Dockerfile: 'FROM python:3.12-slim\nCMD python -m http.server\n' });
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-code-cache-'));
  });
  after(() => {
    removeWorkspace(root);
    fs.rmSync(cacheHome, { recursive: true, force: true });
  });

  it('a check after --version stores the cache again with both; the same check again leaves it', () => {
    const env = { XDG_CACHE_HOME: cacheHome };
    assert.equal(spawnCli(['--version'], root, env, true).status, 0);
    assert.deepEqual(cacheEntry(cacheHome).covered, ['command:--version']);

    const first = spawnCli(['check', 'Dockerfile'], root, env, true);
    assert.match(first.stdout, /^Dockerfile:2:5: warning PL106 /m, first.stderr);
    const afterCheck = cacheEntry(cacheHome);
    assert.deepEqual(afterCheck.covered, ['command:--version', 'command:check', 'kind:dockerfile']);

    const second = spawnCli(['check', 'Dockerfile'], root, env, true);
    assert.equal(second.stdout, first.stdout);
    assert.equal(cacheEntry(cacheHome).writtenMs, afterCheck.writtenMs);
  });

  it("an entry that is not Plumbline's (an older format) is replaced, not fed to V8", () => {
    const env = { XDG_CACHE_HOME: cacheHome };
    spawnCli(['--version'], root, env, true);
    const directory = path.join(cacheHome, 'plumbline');
    const [name] = fs.readdirSync(directory);
    fs.writeFileSync(path.join(directory, name!), 'not a cache');
    const run = spawnCli(['--version'], root, env, true);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.deepEqual(cacheEntry(cacheHome).covered, ['command:--version']);
  });
});
