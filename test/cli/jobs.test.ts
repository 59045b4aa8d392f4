import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMixedSet } from '../../bench/generators/mixed';
import { replicate, SeededRandom } from '../../bench/lib/inputs';
import { runCheck, type CheckOptions } from '../../server/src/cli/checkRun';
import { formats } from '../../server/src/cli/formats';
import { commitAll, git, makeGitRepository } from '../helpers/git';
import { removeWorkspace } from '../helpers/workspace';
import { runInProcess, spawnCli } from './cliRunner';

const REPOSITORY = path.resolve(__dirname, '..', '..');
const DEMO = path.join(REPOSITORY, 'examples', 'demo-platform');

/** Every format's output of one run, as the CLI prints it. */
async function outputs(options: CheckOptions): Promise<Record<'text' | 'json' | 'sarif', string>> {
  const report = await runCheck({ ...options, keepFixes: true });
  return {
    text: [...formats.text(report, {})].join(''),
    json: [...formats.json(report)].join(''),
    sarif: [...formats.sarif(report)].join(''),
  };
}

/** Runs in-process (--jobs 1) and on two worker threads, asserting the pool was used, and compares every format. */
async function assertSameOnTwoThreads(options: CheckOptions): Promise<Record<'text' | 'json' | 'sarif', string>> {
  const single = await outputs({ ...options, jobs: 1 });
  // One file per worker is enough to start the pool: the small workspaces use it too.
  const pooled = await outputs({ ...options, jobs: 2, minFilesPerWorker: 1 });
  for (const format of ['text', 'json', 'sarif'] as const) assert.equal(pooled[format], single[format], `${format} differs between --jobs 1 and --jobs 2`);
  return single;
}

describe('plumbline check --jobs: the same output on worker threads', () => {
  let mixed: string;
  before(() => {
    // Two copies of the bench's mixed set: 710 files of every kind, over the default 200 files per worker.
    mixed = makeGitRepository(replicate(generateMixedSet(new SeededRandom(5600), REPOSITORY), 2));
  });
  after(() => removeWorkspace(mixed));

  it('is byte-identical on examples/demo-platform in text, JSON and SARIF', async () => {
    const single = await assertSameOnTwoThreads({ cwd: DEMO, paths: [] });
    assert.ok(JSON.parse(single.json).diagnostics.length > 20, 'the demo reports problems of many rules');
  });

  it('is byte-identical on a generated mixed workspace of 710 files in text, JSON and SARIF', async () => {
    const single = await assertSameOnTwoThreads({ cwd: mixed, paths: [] });
    const codes = new Set(JSON.parse(single.json).diagnostics.map((d: { code: string }) => d.code.slice(0, 3)));
    assert.deepEqual([...codes].sort(), ['PL1', 'PL2', 'PL3', 'PL4', 'PL5'], 'Dockerfile, Compose, Python, Markdown and layout rules all report');
  });

  it('the bundled CLI with default jobs prints what --jobs 1 prints, from dist/lintWorker.js', () => {
    // --quiet keeps the report (errors only) within what spawnSync buffers.
    const pooled = spawnCli(['check', '--format', 'json', '--quiet', '--no-cache'], mixed, {}, true);
    const single = spawnCli(['check', '--format', 'json', '--quiet', '--jobs', '1', '--no-cache'], mixed, {}, true);
    assert.equal(pooled.stderr, single.stderr);
    assert.equal(pooled.stdout, single.stdout);
    assert.equal(pooled.status, single.status);
    assert.equal(JSON.parse(pooled.stdout).summary.files, 710);
  });

  it('with the result cache, workers fill it and a warm run prints the same', () => {
    const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-jobs-cache-'));
    try {
      const single = spawnCli(['check', '--format', 'json', '--quiet', '--jobs', '1', '--no-cache'], mixed, {}, true);
      const cold = spawnCli(['check', '--format', 'json', '--quiet', '--cache-location', cacheDirectory], mixed, {}, true);
      const stored = fs.readdirSync(cacheDirectory).filter((name) => name.startsWith('results-'));
      const warm = spawnCli(['check', '--format', 'json', '--quiet', '--cache-location', cacheDirectory], mixed, {}, true);
      assert.equal(cold.stdout, single.stdout, 'a cold cached run on the pool prints what one thread prints');
      assert.equal(warm.stdout, single.stdout, 'a warm run prints the same');
      assert.equal(stored.length, 1, "the workers' results were stored");
      assert.equal(fs.readFileSync(path.join(cacheDirectory, stored[0]!), 'utf8').length > 100_000, true, 'the store holds the 710 files');
    } finally {
      fs.rmSync(cacheDirectory, { recursive: true, force: true });
    }
  });

  it('is byte-identical with --changed-since, and checks only the changed files', async () => {
    git(mixed, 'checkout', '-q', '-b', 'feature');
    try {
      const service = path.join(mixed, 'copy00', 'services', 'svc03');
      fs.appendFileSync(path.join(service, 'Dockerfile'), 'RUN apt-get install -y curl\n');
      fs.appendFileSync(path.join(service, 'app', 'module1.py'), '\nprint("changed")\n');
      commitAll(mixed, 'Change svc03');
      fs.writeFileSync(path.join(mixed, 'copy01', 'services', 'svc00', 'app', 'new_module.py'), 'print("new")\n');
      const single = await assertSameOnTwoThreads({ cwd: mixed, paths: [], changedSince: 'main' });
      const report = JSON.parse(single.json);
      assert.deepEqual(
        [...new Set(report.diagnostics.map((d: { file: string }) => d.file))],
        [
          'copy00/services/svc03/CHANGELOG.md',
          'copy00/services/svc03/Dockerfile',
          'copy00/services/svc03/app/module1.py',
          'copy01/services/svc00/CHANGELOG.md',
          'copy01/services/svc00/app/new_module.py',
        ],
      );
      assert.ok(
        report.diagnostics.some((d: { code: string }) => d.code === 'PL406'),
        "the changed components' CHANGELOGs gained no entry",
      );
    } finally {
      git(mixed, 'checkout', '-q', '-f', 'main');
      git(mixed, 'clean', '-q', '-fd');
    }
  });

  it('writes the same baseline and hides the same findings with it', async () => {
    const baselineFile = path.join(mixed, '.plumbline-baseline.json');
    const service = 'copy01/services/svc07';
    try {
      await runCheck({ cwd: mixed, paths: [service], baseline: 'write', jobs: 1 });
      const written = fs.readFileSync(baselineFile, 'utf8');
      await runCheck({ cwd: mixed, paths: [service], baseline: 'write', jobs: 2, minFilesPerWorker: 1 });
      assert.equal(fs.readFileSync(baselineFile, 'utf8'), written);
      fs.appendFileSync(path.join(mixed, service, 'app', 'module1.py'), '\ntry:\n    pass\nexcept:\n    pass\n');
      const single = await assertSameOnTwoThreads({ cwd: mixed, paths: [service], baseline: 'apply' });
      const report = JSON.parse(single.json);
      assert.deepEqual(
        report.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`),
        [`${service}/app/module1.py PL304`],
      );
      assert.ok(report.summary.baselined > 10);
    } finally {
      fs.rmSync(baselineFile, { force: true });
      git(mixed, 'checkout', '-q', '--', '.');
    }
  });

  it('--fix rewrites the same files and reports the same problems (it stays on one thread)', async () => {
    const copies = [1, 2].map((jobs) => ({ jobs, root: fs.mkdtempSync(path.join(os.tmpdir(), `plumbline-jobs-fix-${jobs}-`)) }));
    try {
      const runs = [];
      for (const { jobs, root } of copies) {
        fs.cpSync(DEMO, root, { recursive: true });
        const report = await runCheck({ cwd: root, paths: [], fix: true, unsafeFixes: true, jobs, minFilesPerWorker: 1 });
        const files = Object.fromEntries(
          fs
            .readdirSync(root, { recursive: true, encoding: 'utf8' })
            .filter((relative) => fs.statSync(path.join(root, relative)).isFile())
            .map((relative) => [relative, fs.readFileSync(path.join(root, relative), 'utf8')]),
        );
        runs.push({ text: [...formats.text(report, { fix: true, unsafeFixes: true })].join(''), fixed: report.fixed, files });
      }
      assert.ok(runs[0]!.fixed.length > 0, 'the demo has problems --fix --unsafe-fixes fixes');
      assert.deepEqual(runs[1], runs[0]);
    } finally {
      for (const { root } of copies) removeWorkspace(root);
    }
  });

  it('reports a rule that throws inside a worker, once per file, in file order', async () => {
    const rulesModule = path.resolve(__dirname, '..', 'helpers', 'crashingRuleSet.ts');
    const single = await assertSameOnTwoThreads({ cwd: DEMO, paths: [], rulesModule });
    const { failures, summary, diagnostics } = JSON.parse(single.json);
    assert.ok(
      diagnostics.some((d: { file: string }) => d.file.endsWith('.py')),
      'the other rules still report on the Python files',
    );
    assert.equal(summary.failures, failures.length);
    assert.deepEqual(
      failures
        .slice(0, 2)
        .map((failure: { file: string; code: string; message: string }) => `${failure.file} ${failure.code} ${failure.message.split('\n')[0]}`),
      ['scripts/backend/deployment/migrate.py PL900 Error: parser exploded', 'scripts/backend/management/rotate_keys.py PL900 Error: parser exploded'],
    );
    assert.ok(failures.every((failure: { code: string; file: string }) => failure.code === 'PL900' && failure.file.endsWith('.py')));
    assert.match(single.text, /✖ \d+ rule failures \(PL900 on scripts\/backend\/deployment\/migrate\.py, /);
  });
});

describe('plumbline check --jobs: usage', () => {
  for (const value of ['0', 'abc', '1.5', '-2']) {
    it(`--jobs ${value} is a usage error (exit 2)`, async () => {
      const run = await runInProcess(['check', `--jobs=${value}`], DEMO);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `plumbline check: --jobs takes a whole number of threads, 1 or more (got "${value}").\n`);
    });
  }
});
