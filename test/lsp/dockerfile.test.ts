import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { configRules } from '../../server/src/rules/config';
import { dockerRules } from '../../server/src/rules/docker';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, where, type Session } from './harness';

const DOCKERFILE = [
  'FROM python:3.12-slim',
  'RUN pip install --no-cache-dir flask==3.0.3',
  'USER 10001',
  'HEALTHCHECK CMD python -c "print(1)"',
  'CMD python app.py',
  '',
].join('\n');

/** Code and 1-based range of each diagnostic; the messages are the docker pack's tests' business. */
const located = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.code} ${where(d.range)}`);

describe('language server on a Dockerfile', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ 'docker/api/Dockerfile': DOCKERFILE, 'docker/worker/Dockerfile': 'FROM python:latest\nUSER 10001\n' });
    session = await startSession({ root, pull: true, server: { rules: [...dockerRules, ...configRules] } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  const pulled = async (file = 'docker/api/Dockerfile') => (await session.pullFull(file)).items;

  test('didOpen → diagnostics at the offending token', async () => {
    await session.open('docker/api/Dockerfile', DOCKERFILE, 'dockerfile');
    const diagnostics = await pulled();
    assert.deepEqual(located(diagnostics), ['PL106 5:5-5:18']);
    assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]!.codeDescription?.href ?? '', /\/docs\/rules\/PL106-exec-form\.md$/);
  });

  test('didChange → updated diagnostics', async () => {
    await session.change('docker/api/Dockerfile', 'latest', { start: { line: 0, character: 12 }, end: { line: 0, character: 21 } });
    assert.equal(session.text('docker/api/Dockerfile')!.split('\n')[0], 'FROM python:latest');
    assert.deepEqual(located(await pulled()), ['PL102 1:6-1:19', 'PL106 5:5-5:18']);
    await session.change('docker/api/Dockerfile', '3.12-slim', { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } });
    assert.deepEqual(located(await pulled()), ['PL106 5:5-5:18']);
  });

  test('the exec-form quick fix is offered as unsafe, not preferred, and applies cleanly', async () => {
    const [diagnostic] = await pulled();
    const actions = await session.codeActions('docker/api/Dockerfile', diagnostic!.range, [diagnostic!]);
    assert.equal(
      actions.find((action) => action.isPreferred),
      undefined,
      'an unsafe fix is never the preferred one',
    );
    const fix = actions.find((action) => action.title === 'Rewrite CMD in exec form (unsafe)');
    assert.ok(fix?.edit, 'the exec-form fix, marked unsafe');
    const text = await session.applyToBuffer('docker/api/Dockerfile', fix.edit);
    assert.equal(text.split('\n')[4], 'CMD ["python", "app.py"]');
    assert.deepEqual(await pulled(), []);
  });

  test('"Disable PL106 for this file" silences it', async () => {
    await session.change('docker/api/Dockerfile', DOCKERFILE);
    const diagnostics = await pulled();
    const actions = await session.codeActions('docker/api/Dockerfile', diagnostics[0]!.range, diagnostics);
    const disable = actions.find((action) => action.title === 'Disable PL106 for this file');
    assert.ok(disable?.edit);
    const text = await session.applyToBuffer('docker/api/Dockerfile', disable.edit);
    assert.match(text, /^# plumbline: disable-file PL106\n/);
    assert.deepEqual(await pulled(), []);
  });

  test('source.fixAll.plumbline applies the safe fixes only, and the unsafe ones once .plumbline.yaml opts in', async () => {
    const broken = '# plumbline: disable-next-line PL102\nFROM python:3.12-slim\nCMD python app.py\n';
    await session.change('docker/api/Dockerfile', broken);
    assert.deepEqual(located(await pulled()), ['PL505 1:32-1:37', 'PL101 2:1-2:22', 'PL103 2:1-2:22', 'PL106 3:5-3:18']);
    const fixAll = async () => {
      const [action] = await session.codeActions(
        'docker/api/Dockerfile',
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        [],
        ['source.fixAll.plumbline'],
      );
      assert.ok(action?.edit, 'a fix-all action');
      return session.applyToBuffer('docker/api/Dockerfile', action.edit);
    };
    assert.equal(await fixAll(), 'FROM python:3.12-slim\nCMD python app.py\n', 'only the unused suppression is removed');
    assert.deepEqual(located(await pulled()), ['PL101 1:1-1:22', 'PL103 1:1-1:22', 'PL106 2:5-2:18']);

    await session.writeFile('.plumbline.yaml', 'fix:\n  unsafe: true\n');
    await session.refreshes.next(() => true);
    assert.equal(await fixAll(), 'FROM python:3.12-slim\nUSER 10001\nCMD ["python", "app.py"]\n');
    assert.deepEqual(located(await pulled()), ['PL103 1:1-1:22'], 'the healthcheck on a guessed port is a suggestion, never applied in bulk');
    await session.writeFile('.plumbline.yaml', '');
    await session.refreshes.next(() => true);
  });

  test('workspace diagnostics include the Dockerfile that was never opened', async () => {
    const { items } = await session.workspaceDiagnostics();
    const worker = items.find((item) => item.uri === session.uri('docker/worker/Dockerfile'));
    assert.ok(worker && worker.kind === 'full');
    assert.deepEqual(located(worker.items), ['PL103 1:1-1:19', 'PL102 1:6-1:19']);
  });

  test('a new severity in .plumbline.yaml reaches open and closed files', async () => {
    await session.writeFile('.plumbline.yaml', 'rules:\n  PL102: error\n');
    await session.refreshes.next(() => true);
    const { items } = await session.workspaceDiagnostics();
    const worker = items.find((item) => item.uri === session.uri('docker/worker/Dockerfile'));
    assert.ok(worker && worker.kind === 'full');
    assert.deepEqual(
      worker.items.map((d) => [d.code, d.severity]),
      [
        ['PL103', DiagnosticSeverity.Warning],
        ['PL102', DiagnosticSeverity.Error],
      ],
    );
  });
});

describe('language server on a Dockerfile, for a client that cannot pull', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ Dockerfile: DOCKERFILE });
    session = await startSession({ root, pull: false, server: { rules: [...dockerRules, ...configRules] } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('didOpen and didChange publish diagnostics for each version', async () => {
    await session.open('Dockerfile', DOCKERFILE, 'dockerfile');
    assert.deepEqual(located(await session.publishedFor('Dockerfile')), ['PL106 5:5-5:18']);
    await session.change('Dockerfile', 'USER root', { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
    assert.deepEqual(located(await session.publishedFor('Dockerfile')), ['PL101 3:6-3:10', 'PL106 5:5-5:18']);
  });
});
