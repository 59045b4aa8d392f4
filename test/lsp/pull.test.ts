import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { configRules } from '../../server/src/rules/config';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const UNUSED_PYTHON = 'import os  # plumbline: disable-line PL401\nprint(os.name)\n';

describe('language server, pull diagnostics', () => {
  let root: string;
  let docsRoot: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      '.plumbline.yaml': 'rules:\n  PL999: off\n',
      'tools/report.py': UNUSED_PYTHON,
      'tools/never_opened.py': 'x = 1  # plumbline: disable-line PL401\n',
      'tools/clean.py': 'print("ok")\n',
    });
    docsRoot = makeWorkspace({ 'PL505-unused-suppression.md': '# PL505\n' });
    session = await startSession({ root, pull: true, server: { docsRoot, rules: configRules } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
    removeWorkspace(docsRoot);
  });

  test('announces pull diagnostics, code action kinds and incremental sync', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'plumbline', interFileDependencies: true, workspaceDiagnostics: true });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.plumbline'], resolveProvider: false });
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  });

  test('an open file: exact code, range, severity, source, docs link and unnecessary tag', async () => {
    await session.open('tools/report.py', UNUSED_PYTHON, 'python');
    const report = await session.pullFull('tools/report.py');
    assert.deepEqual(summary(report.items), ['PL505 1:38-1:43 Unused suppression: PL401 reports nothing here; remove it.']);
    const [diagnostic] = report.items;
    assert.equal(diagnostic!.severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostic!.source, 'plumbline');
    assert.deepEqual(diagnostic!.tags, [DiagnosticTag.Unnecessary]);
    assert.equal(diagnostic!.codeDescription?.href, `file://${path.join(docsRoot, 'PL505-unused-suppression.md')}`);
  });

  test('an unchanged document answers "unchanged" for its result id', async () => {
    const first = await session.pullFull('tools/report.py');
    const second = await session.pull('tools/report.py', first.resultId);
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
  });

  test('an edit updates the diagnostics', async () => {
    await session.change('tools/report.py', '  # plumbline: disable-line PL402', { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } });
    const report = await session.pullFull('tools/report.py');
    assert.deepEqual(summary(report.items), [
      'PL505 1:38-1:43 Unused suppression: PL401 reports nothing here; remove it.',
      'PL505 2:43-2:48 Unused suppression: PL402 reports nothing here; remove it.',
    ]);
  });

  test('the quick fix travels in the diagnostic, applies, and leaves the file clean', async () => {
    const report = await session.pullFull('tools/report.py');
    const diagnostic = report.items[0]!;
    const actions = await session.codeActions('tools/report.py', diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred ?? false]),
      [
        ['Remove unused suppression of PL401', 'quickfix', true],
        ['Disable PL505 for this line', 'quickfix', false],
        ['Disable PL505 for this file', 'quickfix', false],
        ['Show documentation for PL505', 'quickfix', false],
      ],
    );
    const fixed = await session.applyToBuffer('tools/report.py', actions[0]!.edit!);
    assert.equal(fixed, 'import os\nprint(os.name)  # plumbline: disable-line PL402\n');
    assert.deepEqual(summary((await session.pullFull('tools/report.py')).items), [
      'PL505 2:43-2:48 Unused suppression: PL402 reports nothing here; remove it.',
    ]);
  });

  test('a fix computed for an older version of the buffer is not offered', async () => {
    const report = await session.pullFull('tools/report.py');
    await session.change('tools/report.py', '# edited\n', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const actions = await session.codeActions('tools/report.py', report.items[0]!.range, report.items);
    assert.equal(
      actions.some((action) => action.title.startsWith('Remove unused suppression')),
      false,
    );
  });

  test('source.fixAll.plumbline rewrites the whole document in one edit', async () => {
    await session.change('tools/report.py', 'a = 1  # plumbline: disable-line PL401\nb = 2  # plumbline: disable-line PL402\n');
    const actions = await session.codeActions('tools/report.py', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind]),
      [['Fix all auto-fixable Plumbline problems', 'source.fixAll.plumbline']],
    );
    assert.equal(await session.applyToBuffer('tools/report.py', actions[0]!.edit!), 'a = 1\nb = 2\n');
    assert.deepEqual((await session.pullFull('tools/report.py')).items, []);
    const none = await session.codeActions(
      'tools/report.py',
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll.plumbline'],
    );
    assert.deepEqual(none, []);
  });

  test('"Disable … for this line" silences the diagnostic', async () => {
    await session.open('.plumbline.yaml', 'rules:\n  PL999: off\n', 'yaml');
    const report = await session.pullFull('.plumbline.yaml');
    assert.deepEqual(summary(report.items), ['PL504 2:3-2:8 Unknown rule "PL999".']);
    const actions = await session.codeActions('.plumbline.yaml', report.items[0]!.range, report.items);
    const disable = actions.find((action) => action.title === 'Disable PL504 for this line');
    assert.ok(disable?.edit);
    const text = await session.applyToBuffer('.plumbline.yaml', disable.edit);
    assert.equal(text, 'rules:\n  # plumbline: disable-next-line PL504\n  PL999: off\n');
    assert.deepEqual((await session.pullFull('.plumbline.yaml')).items, []);
  });

  test('"Show documentation" asks the editor to open the bundled page', async () => {
    await session.executeCommand('plumbline.showDocumentation', ['PL505']);
    assert.deepEqual(session.shownDocuments, [`file://${path.join(docsRoot, 'PL505-unused-suppression.md')}`]);
  });

  test('editing the configuration refreshes diagnostics with the new severities', async () => {
    await session.open('tools/clean.py', 'print("ok")  # plumbline: disable-line PL401\n', 'python');
    assert.equal((await session.pullFull('tools/clean.py')).items[0]!.severity, DiagnosticSeverity.Warning);
    const refreshed = session.refreshes.next(() => true);
    await session.change('.plumbline.yaml', 'rules:\n  PL505: error\n');
    await refreshed;
    const report = await session.pullFull('tools/clean.py');
    assert.deepEqual(
      report.items.map((d) => [d.code, d.severity]),
      [['PL505', DiagnosticSeverity.Error]],
    );
  });

  test('workspace diagnostics list the problems of files never opened, with result ids', async () => {
    const { items } = await session.workspaceDiagnostics();
    const neverOpened = items.find((item) => item.uri === session.uri('tools/never_opened.py'));
    assert.ok(neverOpened && neverOpened.kind === 'full');
    assert.equal(neverOpened.version, null);
    assert.deepEqual(summary(neverOpened.items), ['PL505 1:34-1:39 Unused suppression: PL401 reports nothing here; remove it.']);
    assert.equal(
      items.every((item) => typeof item.resultId === 'string'),
      true,
    );
  });

  test('workspace diagnostics stream partial results and answer "unchanged" for known result ids', async () => {
    const first = await session.workspaceDiagnostics();
    const previous = first.items.map((item) => ({ uri: item.uri, value: item.resultId! }));
    // Holds the request until something changes; a file written on disk is such a change.
    const pending = session.workspaceDiagnostics(previous, true);
    await session.writeFile('tools/new_script.py', 'y = 2  # plumbline: disable-line PL402\n');
    const final = await pending;
    assert.deepEqual(final.items, []);
    const streamed = session.progress.flat();
    const added = streamed.find((item) => item.uri === session.uri('tools/new_script.py'));
    assert.ok(added && added.kind === 'full');
    assert.deepEqual(summary(added.items), ['PL505 1:34-1:39 Unused suppression: PL402 reports nothing here; remove it.']);
    const neverOpened = streamed.find((item) => item.uri === session.uri('tools/never_opened.py'));
    assert.equal(neverOpened?.kind, 'unchanged');
  });

  test('a configuration file changed on disk refreshes too', async () => {
    await session.close('.plumbline.yaml');
    const refreshed = session.refreshes.next(() => true);
    await session.writeFile('.plumbline.yaml', 'rules:\n  PL505: hint\n');
    await refreshed;
    await session.close('tools/clean.py');
    const { items } = await session.workspaceDiagnostics();
    const clean = items.find((item) => item.uri === session.uri('tools/clean.py'));
    assert.ok(clean && clean.kind === 'full');
    assert.deepEqual(clean.items, [], 'closed: the file on disk has no suppression');
    const neverOpened = items.find((item) => item.uri === session.uri('tools/never_opened.py'));
    assert.ok(neverOpened && neverOpened.kind === 'full');
    assert.equal(neverOpened.items[0]!.severity, DiagnosticSeverity.Hint);
    assert.equal(fs.existsSync(path.join(root, 'tools/new_script.py')), true);
  });
});
