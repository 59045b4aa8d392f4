import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { configRules } from '../../server/src/rules/config';
import { crashingRule } from '../helpers/crashingRule';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const throwingRule = crashingRule('PL990', ['python']);

describe('language server robustness', () => {
  let root: string;
  let outside: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ '.plumbline.yaml': 'maxFileSize: 1000\n', 'tools/a.py': 'x = 1  # plumbline: disable-line PL401\n' });
    outside = makeWorkspace({ 'loose.py': 'y = 2  # plumbline: disable-line PL402\n' });
    session = await startSession({ root, pull: true, server: { rules: [throwingRule, ...configRules] } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
    removeWorkspace(outside);
  });

  test('a rule that throws is logged once; the other rules still report', async () => {
    const logged = session.logs.next((message) => message.startsWith('Rule PL990 failed on'));
    await session.open('tools/a.py', 'x = 1  # plumbline: disable-line PL401\n', 'python');
    assert.deepEqual(summary((await session.pullFull('tools/a.py')).items), ['PL505 1:34-1:39 Unused suppression: PL401 reports nothing here; remove it.']);
    assert.match(await logged, /rule bug/);
    const status = await session.statuses.next((params) => params.alerts.length > 0, 0);
    assert.deepEqual(status.alerts, ['Rule PL990 failed; its findings may be missing (see the output)']);
  });

  test('binary content is skipped with a note, not linted', async () => {
    const logged = session.logs.next((message) => message.includes('binary content'));
    await session.open('tools/blob.py', 'PK\u0003\u0004\u0000\u0000garbage', 'python');
    assert.deepEqual((await session.pullFull('tools/blob.py')).items, []);
    assert.match(await logged, /^Skipped .*blob\.py: binary content\.$/);
  });

  test('a file over maxFileSize is skipped with a note', async () => {
    const logged = session.logs.next((message) => message.includes('big.py'));
    await session.open('tools/big.py', `# plumbline: disable-file PL401\n${'x = 1\n'.repeat(500)}`, 'python');
    assert.deepEqual((await session.pullFull('tools/big.py')).items, []);
    assert.match(await logged, /over the 1000-byte limit/);
  });

  test('an empty file and a syntax error are fine', async () => {
    await session.open('tools/empty.py', '', 'python');
    assert.deepEqual((await session.pullFull('tools/empty.py')).items, []);
    await session.open('.plumbline.yaml', 'rules: [\n', 'yaml');
    assert.match(summary((await session.pullFull('.plumbline.yaml')).items)[0]!, /^PL504 2:1-2:1 YAML syntax error: /);
  });

  test('a file outside every workspace folder is checked on its own', async () => {
    const uri = `file://${path.join(outside, 'loose.py')}`;
    await session.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text: 'y = 2  # plumbline: disable-line PL402\n' },
    });
    const report = await session.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(summary((report as { items: never[] }).items), ['PL505 1:34-1:39 Unused suppression: PL402 reports nothing here; remove it.']);
  });

  test('a buffer that is not a file (untitled) gets no diagnostics and no error', async () => {
    const uri = 'untitled:Untitled-1';
    await session.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'x = 1\n' } });
    const report = await session.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(report, { kind: 'full', items: [] });
  });

  test('a held workspace request ends when the client cancels it', async () => {
    const first = await session.workspaceDiagnostics();
    const source = new CancellationTokenSource();
    const held = session.workspaceDiagnostics(
      first.items.map((item) => ({ uri: item.uri, value: item.resultId! })),
      false,
      source.token,
    );
    source.cancel();
    await assert.rejects(held, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });
});

describe('language server with a broken configuration', () => {
  test('lints with the defaults for what is broken and says so once in the output', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': 'ignore: [""]\nrules:\n  PL999: warning\n', 'tools/a.py': 'x = 1  # plumbline: disable-line PL401\n' });
    const session = await startSession({ root, pull: true, server: { rules: configRules } });
    try {
      const logged = session.logs.next((message) => message.includes('has problems (PL504)'));
      await session.open('tools/a.py', 'x = 1  # plumbline: disable-line PL401\n', 'python');
      assert.deepEqual(summary((await session.pullFull('tools/a.py')).items), ['PL505 1:34-1:39 Unused suppression: PL401 reports nothing here; remove it.']);
      assert.equal(
        await logged,
        `${path.join(root, '.plumbline.yaml')} has problems (PL504); the settings they concern keep their defaults:\n` +
          '  line 1: "ignore" must not contain an empty glob.\n  line 3: Unknown rule "PL999".',
      );
      const alert = '.plumbline.yaml has 2 problems (PL504); defaults apply to what it concerns';
      assert.deepEqual((await session.statuses.next((params) => params.alerts.length > 0, 0)).alerts, [alert]);
      const logsBefore = session.logs.events.length;
      await session.open('tools/b.py', 'y = 2  # plumbline: disable-line PL401\n', 'python');
      await session.pullFull('tools/b.py');
      assert.equal(session.logs.events.slice(logsBefore).filter((message) => message.includes('has problems (PL504)')).length, 0, 'said once');

      const cleared = session.statuses.next((params) => params.alerts.length === 0);
      await session.open('.plumbline.yaml', 'rules: {}\n', 'yaml');
      await session.pullFull('tools/a.py');
      await cleared;
    } finally {
      await session.stop();
      removeWorkspace(root);
    }
  });
});
