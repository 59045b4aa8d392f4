import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { builtinRules } from '../../server/src/rules';
import { Workspace } from '../../server/src/engine/workspace';
import { removeWorkspace } from '../helpers/workspace';
import { exampleWorkspace, startSession, type Session } from './harness';

/** Every indexed file of a known kind, as the engine sees the folder: what the workspace pass must cover. */
function lintableFiles(root: string): string[] {
  const workspace = new Workspace({ root, registry: builtinRules });
  workspace.index.scan();
  return [...workspace.index.files()]
    .filter((file) => file.kind)
    .map((file) => file.relativePath)
    .sort();
}

function fullItems(report: WorkspaceDocumentDiagnosticReport): Diagnostic[] {
  assert.equal(report.kind, 'full', `${report.uri} is reported in full the first time`);
  return report.kind === 'full' ? report.items : [];
}

describe('language server, the workspace pass', () => {
  let root: string;
  let expected: string[];
  let session: Session;
  /** Relative path → the diagnostics the streamed pass reported. */
  const streamed = new Map<string, Diagnostic[]>();
  const resultIds = new Map<string, string>();

  before(async () => {
    root = exampleWorkspace();
    expected = lintableFiles(root);
    session = await startSession({ root, pull: true });
    const final = await session.workspaceDiagnostics([], true);
    assert.deepEqual(final.items, [], 'a streamed answer carries everything in its partial results');
    for (const report of session.progress.flat()) {
      const relative = path.relative(root, new URL(report.uri).pathname);
      assert.equal(streamed.has(relative), false, `${relative} is reported once`);
      streamed.set(relative, fullItems(report));
      resultIds.set(relative, report.resultId!);
    }
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('streams a report for every file, in several batches', () => {
    assert.deepEqual([...streamed.keys()].sort(), expected);
    assert.ok(session.progress.length >= 3, `${session.progress.length} batches`);
    assert.ok([...streamed.values()].some((items) => items.length > 0));
  });

  test('keeps diagnostics compact: data says a fix exists, not what it is', () => {
    const data = [...streamed.values()]
      .flat()
      .map((diagnostic) => diagnostic.data)
      .filter((value) => value !== undefined);
    assert.ok(data.length >= 45);
    assert.deepEqual(new Set(data.map((value) => JSON.stringify(value))), new Set(['{"fixable":true}']));
  });

  test('each streamed report equals a pull of that file opened in the editor', async () => {
    for (const [relative, items] of streamed) {
      await session.open(relative);
      assert.deepEqual((await session.pullFull(relative)).items, items, relative);
      await session.close(relative);
    }
  });

  test('code actions for a workspace-pass diagnostic offer the fixes the engine gives, built on demand', async () => {
    const relative = 'tools/job7.py';
    const [diagnostic] = streamed.get(relative)!;
    assert.equal(diagnostic?.code, 'PL505');
    await session.open(relative);
    const actions = await session.codeActions(relative, diagnostic.range, [diagnostic]);
    const fromPull = (await session.pullFull(relative)).items[0]!;
    const actionsForPull = await session.codeActions(relative, fromPull.range, [fromPull]);
    const offered = (list: typeof actions) => list.map((action) => [action.title, action.kind, action.isPreferred, action.edit, action.command]);
    assert.deepEqual(offered(actions), offered(actionsForPull));
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Remove unused suppression of PL401', 'Disable PL505 for this line', 'Disable PL505 for this file', 'Show documentation for PL505'],
    );
    assert.equal(await session.applyToBuffer(relative, actions[0]!.edit!), '"""Job 7."""\n\nx = 7\n');
    assert.deepEqual((await session.pullFull(relative)).items, []);
    await session.close(relative);
  });

  test('fixes of every fixable workspace-pass diagnostic match the engine', async () => {
    const engine = new Workspace({ root, registry: builtinRules });
    engine.index.scan();
    let checked = 0;
    for (const [relative, items] of streamed) {
      const fixable = items.filter((diagnostic) => diagnostic.data !== undefined);
      if (fixable.length === 0 || relative.startsWith('tools/job')) continue;
      const findings = engine.lint(engine.index.document(path.join(root, relative))!).diagnostics;
      await session.open(relative);
      for (const diagnostic of fixable) {
        const finding = findings.find((candidate) => candidate.code === diagnostic.code && candidate.message === diagnostic.message);
        const titles = (await session.codeActions(relative, diagnostic.range, [diagnostic])).map((action) => action.title);
        assert.ok(finding?.fixes?.length, `${relative}: ${diagnostic.code} has fixes in the engine`);
        for (const fix of finding.fixes)
          assert.ok(
            titles.some((title) => title.startsWith(fix.title)),
            `${relative}: ${fix.title}`,
          );
        checked++;
      }
      await session.close(relative);
    }
    assert.ok(checked >= 3, `${checked} fixable diagnostics of the example platform`);
  });

  test('after buffers open and close, a client without result ids gets the same reports, under the same ids', async () => {
    // Closing a buffer re-checks every file; the server kept only a digest of each closed file's items.
    const { items } = await session.workspaceDiagnostics();
    assert.equal(items.length, streamed.size);
    for (const report of items) {
      const relative = path.relative(root, new URL(report.uri).pathname);
      assert.deepEqual(fullItems(report), streamed.get(relative), relative);
      // job7's buffer was fixed (clean) and closed unsaved: its diagnostics changed twice, so its id is a new one.
      if (relative === 'tools/job7.py') assert.notEqual(report.resultId, resultIds.get(relative));
      else assert.equal(report.resultId, resultIds.get(relative), relative);
    }
  });
});

describe('language server, push and pull give the same diagnostics', () => {
  let root: string;

  before(() => {
    root = exampleWorkspace();
  });

  after(() => removeWorkspace(root));

  test('every file pushed carries what the workspace pull reports for it', async () => {
    const pull = await startSession({ root, pull: true });
    const pulled = new Map<string, Diagnostic[]>();
    for (const report of (await pull.workspaceDiagnostics()).items) pulled.set(report.uri, fullItems(report));
    await pull.stop();

    const push = await startSession({ root, pull: false });
    try {
      assert.equal(pulled.size, lintableFiles(root).length);
      for (const [uri, items] of pulled) {
        const relative = path.relative(root, new URL(uri).pathname);
        assert.deepEqual(await push.publishedFor(relative, () => true), items, relative);
      }
    } finally {
      await push.stop();
    }
  });
});
