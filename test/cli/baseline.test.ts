import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BaselineRun } from '../../server/src/cli/baselineRun';
import type { Diagnostic } from '../../server/src/engine/types';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

const BASELINE = '.plumbline-baseline.json';
const LEGACY = '"""Legacy job."""\n\nprint("starting")\nprint("starting")\nprint(total)\n';

function problems(stdout: string): string[] {
  return (JSON.parse(stdout) as { diagnostics: Array<{ file: string; line: number; code: string }> }).diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);
}

describe('plumbline check with a baseline', () => {
  let root: string;
  const write = (relative: string, text: string) => fs.writeFileSync(path.join(root, relative), text);
  const baseline = () => JSON.parse(fs.readFileSync(path.join(root, BASELINE), 'utf8'));

  beforeEach(() => {
    root = makeWorkspace({ '.plumbline.yaml': configEnabling(['PL303']), 'jobs/legacy.py': LEGACY, 'jobs/other.py': 'print("x")\n' });
  });
  afterEach(() => removeWorkspace(root));

  it('--write-baseline records the findings per file, counting identical ones, and reports none', async () => {
    const run = await runInProcess(['check', '--write-baseline'], root);
    assert.equal(run.stdout, '✔ No problems in 3 files (workspace root: .)\n');
    assert.equal(run.stderr, `Wrote ${BASELINE}: 4 findings accepted; check reports only new ones.\n`);
    assert.equal(run.status, 0);
    const written = baseline();
    assert.equal(written.version, 1);
    assert.deepEqual(Object.keys(written.files), ['jobs/legacy.py', 'jobs/other.py']);
    assert.deepEqual(written.files['jobs/legacy.py'].map((entry: { code: string; count: number }) => `${entry.code}×${entry.count}`).sort(), [
      'PL303×1',
      'PL303×2',
    ]);
    assert.match(written.files['jobs/other.py'][0].fingerprint, /^[0-9a-f]{16}$/);
    assert.doesNotMatch(fs.readFileSync(path.join(root, BASELINE), 'utf8'), /starting/, 'the offending text itself is not stored');
  });

  it('is honoured: only new findings are reported, and the run says how many it hid', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    const clean = await runInProcess(['check'], root);
    assert.equal(clean.stdout, '✔ No problems in 3 files (workspace root: .)\n');
    assert.equal(clean.stderr, `note: 4 findings accepted in ${BASELINE} not shown (--prune-baseline drops fixed ones).\n`);
    const json = await runInProcess(['check', '--format', 'json'], root);
    assert.equal(JSON.parse(json.stdout).summary.baselined, 4);
    const quiet = await runInProcess(['check', '--quiet'], root);
    assert.equal(quiet.stderr, '');
  });

  it('reads a linted file again, for fingerprints, only when the baseline has entries for it', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    const run = new BaselineRun(root, 'apply');
    const readAgain = () => {
      throw new Error('read again');
    };
    const none: Diagnostic[] = [];
    assert.equal(run.take(path.join(root, 'jobs/new.py'), readAgain, none), none);
    assert.throws(() => run.take(path.join(root, 'jobs/legacy.py'), readAgain, none), /read again/);
  });

  it('keeps a finding baselined when lines above it move it', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    write('jobs/legacy.py', `"""Legacy job."""\n\nimport sys\nimport os\n\n${LEGACY.split('\n\n')[1]}`);
    const run = await runInProcess(['check', '--format', 'json'], root);
    assert.deepEqual(problems(run.stdout), []);
    assert.equal(JSON.parse(run.stdout).summary.baselined, 4);
  });

  it('reports a new identical finding in the same file (the last one) and in another file', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    write('jobs/legacy.py', `${LEGACY}print("starting")\n`);
    write('jobs/new.py', 'print("starting")\n');
    const run = await runInProcess(['check', '--format', 'json'], root);
    assert.deepEqual(problems(run.stdout), ['jobs/legacy.py:6 PL303', 'jobs/new.py:1 PL303']);
    assert.equal(run.status, 0);
  });

  it('reports a baselined line once it is rewritten, since its text is its identity', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    write('jobs/other.py', 'print("y")\n');
    const run = await runInProcess(['check', '--format', 'json'], root);
    assert.deepEqual(problems(run.stdout), ['jobs/other.py:1 PL303']);
  });

  it('--prune-baseline drops fixed findings and accepts nothing new; the next --write-baseline does too', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    write('jobs/legacy.py', '"""Legacy job."""\n\nprint("starting")\n');
    write('jobs/new.py', 'print("new")\n');
    fs.rmSync(path.join(root, 'jobs/other.py'));
    const pruned = await runInProcess(['check', '--prune-baseline', '--format', 'json'], root);
    assert.deepEqual(problems(pruned.stdout), ['jobs/new.py:1 PL303'], 'pruning accepts no new finding');
    assert.equal(pruned.stderr, `Wrote ${BASELINE}: 1 finding accepted; check reports only new ones.\n`);
    assert.deepEqual(Object.keys(baseline().files), ['jobs/legacy.py'], 'a deleted file leaves the baseline');
    assert.equal(baseline().files['jobs/legacy.py'][0].count, 1);

    write('jobs/legacy.py', LEGACY);
    const back = await runInProcess(['check', '--format', 'json'], root);
    assert.deepEqual(problems(back.stdout), ['jobs/legacy.py:4 PL303', 'jobs/legacy.py:5 PL303', 'jobs/new.py:1 PL303']);

    write('jobs/legacy.py', '"""Legacy job."""\n');
    await runInProcess(['check', '--write-baseline'], root);
    assert.deepEqual(Object.keys(baseline().files), ['jobs/new.py']);
  });

  it('keeps the entries of files a run does not check', async () => {
    await runInProcess(['check', '--write-baseline'], root);
    write('jobs/other.py', '"""Fixed."""\n');
    await runInProcess(['check', 'jobs/other.py', '--write-baseline'], root);
    assert.deepEqual(Object.keys(baseline().files), ['jobs/legacy.py']);
  });

  it('refuses an unreadable baseline (exit 2) unless it is being rewritten, and the two flags together', async () => {
    write(BASELINE, '{ "version": 1, "files": ');
    const broken = await runInProcess(['check'], root);
    assert.equal(broken.status, 2);
    assert.match(
      broken.stderr,
      /^plumbline check: \.plumbline-baseline\.json is not valid JSON \(.+\); delete it or write it again with --write-baseline\.\n$/,
    );
    const rewritten = await runInProcess(['check', '--write-baseline'], root);
    assert.equal(rewritten.status, 0);
    assert.equal(baseline().version, 1);
    const both = await runInProcess(['check', '--write-baseline', '--prune-baseline'], root);
    assert.equal(both.status, 2);
    assert.equal(both.stderr, 'plumbline check: --write-baseline and --prune-baseline exclude each other; --write-baseline prunes too.\n');
  });
});
