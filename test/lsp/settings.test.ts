import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { configRules } from '../../server/src/rules/config';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const UNUSED = 'x = 1  # plumbline: disable-line PL401\n';

describe('language server settings', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      'tools/a.py': UNUSED,
      'tools/b.py': UNUSED,
      'strict.yaml': 'rules:\n  PL505: info\n',
    });
    session = await startSession({
      root,
      pull: true,
      settings: { rules: { customizations: { 'config/unused-suppression': 'error' } } },
      server: { rules: configRules },
    });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('plumbline.rules.customizations overrides severities, by rule name', async () => {
    await session.open('tools/a.py', UNUSED, 'python');
    const report = await session.pullFull('tools/a.py');
    assert.deepEqual(
      report.items.map((d) => [d.code, d.severity]),
      [['PL505', DiagnosticSeverity.Error]],
    );
  });

  test('plumbline.configFile replaces the nearest .plumbline.yaml', async () => {
    await session.changeSettings({ configFile: 'strict.yaml' });
    const report = await session.pullFull('tools/a.py');
    assert.deepEqual(
      report.items.map((d) => [d.code, d.severity]),
      [['PL505', DiagnosticSeverity.Information]],
    );
  });

  test('plumbline.run onSave: diagnostics describe the saved text until the next save', async () => {
    await session.changeSettings({ run: 'onSave' });
    await session.change('tools/a.py', 'x = 1\n');
    assert.deepEqual(summary((await session.pullFull('tools/a.py')).items), ['PL505 1:34-1:39 Unused suppression: PL401 reports nothing here; remove it.']);
    await session.save('tools/a.py');
    assert.deepEqual((await session.pullFull('tools/a.py')).items, []);
  });

  test('plumbline.scope openFiles: workspace diagnostics clear files that are not open', async () => {
    const before = await session.workspaceDiagnostics();
    const closed = before.items.find((item) => item.uri === session.uri('tools/b.py'));
    assert.ok(closed && closed.kind === 'full' && closed.items.length === 1);
    await session.changeSettings({ scope: 'openFiles' });
    const after = await session.workspaceDiagnostics(before.items.map((item) => ({ uri: item.uri, value: item.resultId! })));
    assert.deepEqual(
      after.items.find((item) => item.uri === session.uri('tools/b.py')),
      {
        kind: 'full',
        uri: session.uri('tools/b.py'),
        version: null,
        resultId: 'empty',
        items: [],
      },
    );
    assert.equal((await session.pullFull('tools/a.py')).kind, 'full', 'open files are still checked');
  });

  test('plumbline.enable false: no diagnostics and no code actions', async () => {
    await session.changeSettings({ enable: false });
    await session.open('tools/b.py', UNUSED, 'python');
    const report = await session.pullFull('tools/b.py');
    assert.deepEqual(report.items, []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.deepEqual(await session.codeActions('tools/b.py', range, [], ['source.fixAll']), []);
  });
});
