import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { BUILD_DOCKERFILE, generateCompose } from '../../bench/generators/compose';
import { generateDockerfile } from '../../bench/generators/dockerfile';
import { generatePythonModule } from '../../bench/generators/python';
import { SeededRandom } from '../../bench/lib/inputs';
import { runCheck } from '../../server/src/cli/checkRun';
import { findRule } from '../../server/src/rules';
import { crashingRule } from '../helpers/crashingRule';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { runInProcess, type CliRun } from './cliRunner';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo-platform');
const MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');
const FORMATS = ['text', 'json', 'sarif'] as const;

const temporaryDirectories: string[] = [];
after(() => temporaryDirectories.forEach(removeWorkspace));

function scratchDirectory(): string {
  const directory = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-cache-')));
  temporaryDirectories.push(directory);
  return directory;
}

function workspace(files: Record<string, string>): string {
  const root = makeWorkspace(files);
  temporaryDirectories.push(root);
  return root;
}

/** Every file below a directory, relative, with its bytes: to see what a run wrote. */
function snapshot(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(directory)) return files;
  for (const entry of fs.readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(directory, absolute), fs.readFileSync(absolute, 'latin1'));
  }
  return files;
}

/** A check with the cache in `cacheDirectory` and the same check without any cache, which must print the same. */
async function checkBothWays(root: string, cacheDirectory: string, format: (typeof FORMATS)[number] = 'json'): Promise<CliRun> {
  const cached = await runInProcess(['check', '.', '--format', format, '--cache-location', cacheDirectory], root);
  const fresh = await runInProcess(['check', '.', '--format', format, '--no-cache'], root);
  assert.deepEqual(cached, fresh, `a ${format} run with the cache differs from one without`);
  return cached;
}

/** A workspace of every kind: a Compose project building two Dockerfiles, Python services, scripts, a changelog. */
function mixedWorkspace(seed: number): Record<string, string> {
  const random = new SeededRandom(seed);
  const files: Record<string, string> = {
    '.plumbline.yaml': 'rules: {}\n',
    'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- The shop.\n',
  };
  for (const stack of ['shop', 'billing']) {
    files[`${stack}/compose.yaml`] = generateCompose(random, stack, 3, stack === 'shop' ? 8000 : 9000, true).text;
    files[`${stack}/Dockerfile`] = BUILD_DOCKERFILE;
    files[`${stack}/legacy/Dockerfile`] = generateDockerfile(random, 30);
    files[`${stack}/src/${stack}/__init__.py`] = `"""The ${stack} service."""\n`;
    files[`${stack}/src/${stack}/service.py`] = generatePythonModule(random, 120);
    files[`${stack}/requirements.txt`] = 'requests==2.32.3\nflask\n';
  }
  files['scripts/deploy.sh'] = '#!/bin/sh\necho deploying\n';
  return files;
}

describe('result cache', () => {
  it('prints byte for byte what a run without it prints, cold and warm, in every format (demo platform)', async () => {
    const cacheDirectory = scratchDirectory();
    for (const format of FORMATS) {
      const cold = await runInProcess(['check', DEMO, '--format', format, '--no-cache'], DEMO);
      for (let run = 0; run < 2; run++) {
        assert.deepEqual(await runInProcess(['check', DEMO, '--format', format, '--cache-location', cacheDirectory], DEMO), cold, `${format} run ${run}`);
      }
    }
  });

  it('serves a warm run entirely from the cache and does not rewrite it', async () => {
    const cacheDirectory = scratchDirectory();
    const cold = await runCheck({ cwd: DEMO, paths: [], cache: { location: cacheDirectory } });
    assert.equal(cold.cache?.hits, 0);
    assert.equal(cold.cache?.stored, cold.cache?.misses);
    const written = snapshot(cacheDirectory);
    const warm = await runCheck({ cwd: DEMO, paths: [], cache: { location: cacheDirectory } });
    assert.deepEqual(warm.cache, { hits: cold.cache!.misses, misses: 0, stored: 0, notWritten: undefined });
    assert.deepEqual(snapshot(cacheDirectory), written);
    assert.deepEqual(warm.diagnostics, cold.diagnostics);
  });

  it('reports PL202 on the Compose file once the Dockerfile it builds drops its USER', async () => {
    const root = workspace({
      'api/Dockerfile': 'FROM python:3.12.7-slim\nRUN useradd --uid 10001 app\nUSER app\nHEALTHCHECK CMD python -c "print(1)"\nCMD ["python", "-m", "app"]\n',
      'compose.yaml':
        'name: shop\nservices:\n  api:\n    build: ./api\n    restart: unless-stopped\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 256M\n',
    });
    const cacheDirectory = scratchDirectory();
    const codesOn = (run: CliRun, file: string) =>
      JSON.parse(run.stdout)
        .diagnostics.filter((d: { file: string }) => d.file === file)
        .map((d: { code: string }) => d.code);
    assert.deepEqual(codesOn(await checkBothWays(root, cacheDirectory), 'compose.yaml'), ['PL402']);
    fs.writeFileSync(
      path.join(root, 'api/Dockerfile'),
      'FROM python:3.12.7-slim\nRUN useradd --uid 10001 app\nHEALTHCHECK CMD python -c "print(1)"\nCMD ["python", "-m", "app"]\n',
    );
    const report = await runCheck({ cwd: root, paths: ['compose.yaml'], cache: { location: cacheDirectory } });
    assert.deepEqual(report.cache, { hits: 0, misses: 1, stored: 1, notWritten: undefined });
    assert.deepEqual(
      report.diagnostics.map(({ file, diagnostic }) => `${file}:${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`),
      [
        'compose.yaml:1 PL402 The workspace root has no CHANGELOG.md; add one to record its changes.',
        'compose.yaml:3 PL202 Service "api" runs as root: its Dockerfile api/Dockerfile sets no USER on top of python:3.12.7-slim, which runs as root. Add user: "10001:10001" to the service or a non-root USER to the Dockerfile.',
      ],
    );
    assert.deepEqual(codesOn(await checkBothWays(root, cacheDirectory), 'compose.yaml'), ['PL402', 'PL202']);
  });

  it('stays identical to uncached runs through edits, new and deleted files and configuration changes (mixed workspace)', async () => {
    const root = workspace(mixedWorkspace(11));
    const cacheDirectory = scratchDirectory();
    const edits: Array<[string, () => void]> = [
      ['nothing changed', () => {}],
      [
        'a built Dockerfile loses USER and HEALTHCHECK',
        () => fs.writeFileSync(path.join(root, 'shop/Dockerfile'), 'FROM python:3.12-slim AS runtime\nCMD ["python", "-m", "app"]\n'),
      ],
      [
        'a backup copy appears beside a module',
        () => fs.copyFileSync(path.join(root, 'shop/src/shop/service.py'), path.join(root, 'shop/src/shop/service.py.bak')),
      ],
      [
        'a parallel copy appears',
        () => fs.copyFileSync(path.join(root, 'billing/src/billing/service.py'), path.join(root, 'billing/src/billing/service_old.py')),
      ],
      ['the original of the copy changes', () => fs.writeFileSync(path.join(root, 'billing/src/billing/service.py'), '"""Rewritten."""\n')],
      ['the changelog is deleted', () => fs.rmSync(path.join(root, 'CHANGELOG.md'))],
      ['a Compose file is deleted', () => fs.rmSync(path.join(root, 'billing/compose.yaml'))],
      ['a rule is turned off', () => fs.writeFileSync(path.join(root, '.plumbline.yaml'), 'rules:\n  PL301: off\n')],
      ['a nested configuration appears', () => fs.writeFileSync(path.join(root, 'shop/.plumbline.yaml'), 'paths:\n  tests: ["**/service.py"]\n')],
      ['a .gitignore hides a folder', () => fs.writeFileSync(path.join(root, '.gitignore'), 'billing/legacy/\n')],
    ];
    let previous = '';
    for (const [what, edit] of edits) {
      edit();
      const run = await checkBothWays(root, cacheDirectory);
      if (what !== 'nothing changed') assert.notEqual(run.stdout, previous, `${what}: the edit should change the report`);
      previous = run.stdout;
    }
    for (const format of FORMATS) await checkBothWays(root, cacheDirectory, format);
  });

  it('ignores a corrupt or tampered cache file and reports every finding', async () => {
    const root = workspace(mixedWorkspace(12));
    const cacheDirectory = scratchDirectory();
    const expected = await checkBothWays(root, cacheDirectory);
    const [store] = fs.readdirSync(cacheDirectory).filter((name) => name.startsWith('results-'));
    const storePath = path.join(cacheDirectory, store!);
    const text = fs.readFileSync(storePath, 'utf8');
    const damaged = [
      'not a cache at all',
      text.slice(0, text.length / 2),
      text.replace(/"diagnostics":\[[^\]]/g, '"diagnostics":[],"x":['),
      text.replace(/\n\{.*\n/s, '\n[]\n'),
      text.slice(0, text.lastIndexOf('\n')),
    ];
    for (const content of damaged) {
      fs.writeFileSync(storePath, content);
      assert.deepEqual(await runInProcess(['check', '.', '--format', 'json', '--cache-location', cacheDirectory], root), expected);
    }
    fs.rmSync(storePath);
    fs.mkdirSync(storePath);
    const unwritable = await runInProcess(['check', '.', '--format', 'json', '--cache-location', cacheDirectory], root);
    assert.equal(unwritable.stdout, expected.stdout);
    assert.match(unwritable.stderr, /^note: result cache not written: /m);
  });

  it('survives concurrent runs writing the same store: each prints the uncached output, the store stays whole', async () => {
    const root = workspace(mixedWorkspace(16));
    const cacheDirectory = scratchDirectory();
    const expected = await runInProcess(['check', '.', '--format', 'json', '--no-cache'], root);
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const concurrent = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', tsx, MAIN, 'check', '.', '--format', 'json', '--cache-location', cacheDirectory], { cwd: root });
            let stdout = '';
            child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
            child.on('error', reject);
            child.on('close', () => resolve(stdout));
          }),
      ),
    );
    for (const stdout of concurrent) assert.equal(stdout, expected.stdout);
    assert.deepEqual(
      fs.readdirSync(cacheDirectory).filter((name) => name.endsWith('.tmp')),
      [],
    );
    const warm = await runCheck({ cwd: root, paths: [], cache: { location: cacheDirectory } });
    assert.equal(warm.cache?.misses, 0);
  });

  it('never stores the result of a file on which a rule failed', async () => {
    const root = workspace({ Dockerfile: 'FROM scratch\n' });
    const cacheDirectory = scratchDirectory();
    const rules = [crashingRule('PL900', ['dockerfile'], 'parser exploded'), findRule('PL104')!];
    for (let run = 0; run < 2; run++) {
      const report = await runCheck({ cwd: root, paths: [], rules, cache: { location: cacheDirectory } });
      assert.deepEqual(report.cache, { hits: 0, misses: 1, stored: 0, notWritten: undefined }, `run ${run}`);
      assert.equal(report.failures.length, 1);
    }
  });

  it('a protected file asks git, so its result is never stored', async () => {
    const root = workspace({ '.mcp.json': '{}\n', Dockerfile: 'FROM scratch\n' });
    const report = await runCheck({ cwd: root, paths: [], cache: { location: scratchDirectory() } });
    assert.equal(report.filesChecked, 2);
    assert.deepEqual(report.cache, { hits: 0, misses: 2, stored: 1, notWritten: undefined });
  });

  it('lives in .plumbline_cache at the workspace root, ignored by git and never linted; --no-cache writes nothing', async () => {
    const root = workspace(mixedWorkspace(13));
    const before = snapshot(root);
    await runInProcess(['check', '.', '--no-cache'], root);
    assert.deepEqual(snapshot(root), before);

    const first = await runInProcess(['check', '.', '--format', 'json'], root);
    const cacheDirectory = path.join(root, '.plumbline_cache');
    assert.equal(fs.readFileSync(path.join(cacheDirectory, '.gitignore'), 'utf8').split('\n').includes('*'), true);
    assert.match(fs.readFileSync(path.join(cacheDirectory, 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55\n/);
    const second = await runInProcess(['check', '.', '--format', 'json'], root);
    assert.deepEqual(second, first);
    assert.equal(
      JSON.parse(second.stdout).diagnostics.some((d: { file: string }) => d.file.startsWith('.plumbline_cache')),
      false,
    );
    assert.deepEqual(
      [...snapshot(root).keys()].filter((file) => !before.has(file) && !file.startsWith(`.plumbline_cache${path.sep}`)),
      [],
    );

    if (spawnSync('git', ['--version']).status === 0) {
      spawnSync('git', ['init', '-q'], { cwd: root });
      const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' }).stdout;
      assert.equal(status.includes('.plumbline_cache'), false);
    }
  });

  it('writes to --cache-location and nowhere in the workspace', async () => {
    const root = workspace(mixedWorkspace(14));
    const before = snapshot(root);
    const cacheDirectory = path.join(scratchDirectory(), 'nested', 'cache');
    await runInProcess(['check', '.', '--cache-location', path.relative(root, cacheDirectory)], root);
    assert.deepEqual(snapshot(root), before);
    assert.deepEqual([...snapshot(cacheDirectory).keys()].filter((file) => !file.startsWith('results-')).sort(), ['.gitignore', 'CACHEDIR.TAG']);
  });

  it('writes to $PLUMBLINE_CACHE_DIR when no --cache-location is given', async () => {
    const root = workspace(mixedWorkspace(15));
    const before = snapshot(root);
    const cacheDirectory = scratchDirectory();
    process.env.PLUMBLINE_CACHE_DIR = cacheDirectory;
    try {
      await runInProcess(['check', '.'], root);
    } finally {
      delete process.env.PLUMBLINE_CACHE_DIR;
    }
    assert.deepEqual(snapshot(root), before);
    assert.equal(
      [...snapshot(cacheDirectory).keys()].some((file) => file.startsWith('results-')),
      true,
    );
  });
});
