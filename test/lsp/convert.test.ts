import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Diagnostic } from '../../server/src/engine/types';
import { kindRequested } from '../../server/src/lsp/codeActions';
import { createsExistingFile, isFixable, toFixData, toLspDiagnostic, toWorkspaceEdit, uriToPath } from '../../server/src/lsp/convert';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/lsp/settings';

const range = { start: { line: 2, character: 5 }, end: { line: 2, character: 18 } };
const uri = 'file:///repo/Dockerfile';
const context = { docsUri: (code: string) => `file:///ext/docs/rules/${code}.md` };

describe('toLspDiagnostic', () => {
  const diagnostic: Diagnostic = {
    code: 'PL102',
    rule: 'docker/pinned-base-image',
    severity: 'info',
    message: 'Pin it.',
    range,
    related: [{ path: '/repo/compose.yaml', range, message: 'Used here.' }],
    fixes: [
      { title: 'Pin to 3.12', applicability: 'safe', edits: [{ range, newText: 'python:3.12' }], isPreferred: true },
      { title: 'Pin to 3.13', applicability: 'unsafe', edits: [{ range, newText: 'python:3.13' }], isPreferred: true },
      { title: 'Pin to a version', applicability: 'suggestion', edits: [{ range, newText: 'python:VERSION' }] },
    ],
  };

  test('maps severity, code, docs link, source, range and related locations', () => {
    const lsp = toLspDiagnostic(diagnostic, context);
    assert.equal(lsp.severity, DiagnosticSeverity.Information);
    assert.equal(lsp.code, 'PL102');
    assert.deepEqual(lsp.codeDescription, { href: 'file:///ext/docs/rules/PL102.md' });
    assert.equal(lsp.source, 'plumbline');
    assert.equal(lsp.message, 'Pin it.');
    assert.deepEqual(lsp.range, range);
    assert.deepEqual(lsp.relatedInformation, [{ location: { uri: 'file:///repo/compose.yaml', range }, message: 'Used here.' }]);
    assert.equal(lsp.tags, undefined);
  });

  test('says in data only that it has fixes; they become versioned workspace edits when asked for', () => {
    const lsp = toLspDiagnostic(diagnostic, context);
    assert.deepEqual(lsp.data, { fixable: true });
    assert.equal(isFixable(lsp), true);
    const edit = (newText: string) => ({ documentChanges: [{ textDocument: { uri, version: 7 }, edits: [{ range, newText }] }] });
    assert.deepEqual(toFixData(diagnostic.fixes!, uri, 7), [
      { title: 'Pin to 3.12', isPreferred: true, edit: edit('python:3.12') },
      { title: 'Pin to 3.13 (unsafe)', isPreferred: false, edit: edit('python:3.13') },
      { title: 'Pin to a version (suggestion)', isPreferred: false, edit: edit('python:VERSION') },
    ]);
  });

  test('data that is not ours is not taken for fixes', () => {
    const lsp = toLspDiagnostic(diagnostic, context);
    assert.equal(isFixable({ ...lsp, data: { version: 7, fixes: [{ title: 'From an older server', edit: {} }] } }), false);
    assert.equal(isFixable({ ...lsp, data: 'opaque' }), false);
  });

  test('unnecessary diagnostics are tagged, and a rule without a page gets no link', () => {
    const lsp = toLspDiagnostic({ ...diagnostic, unnecessary: true, fixes: [] }, { ...context, docsUri: () => undefined });
    assert.deepEqual(lsp.tags, [DiagnosticTag.Unnecessary]);
    assert.equal(lsp.codeDescription, undefined);
    assert.equal(lsp.data, undefined);
    assert.equal(isFixable(lsp), false);
  });
});

describe('toWorkspaceEdit', () => {
  const edit = toWorkspaceEdit(
    'file:///repo/a.md',
    null,
    [{ range, newText: 'x' }],
    [
      { kind: 'create', path: '/repo/CHANGELOG.md', content: '# Changelog\n' },
      { kind: 'rename', from: '/repo/run.sh', to: '/repo/scripts/run.sh' },
      { kind: 'edit', path: '/repo/b.md', edits: [{ range, newText: 'y' }] },
    ],
  );

  test('creates and moves never overwrite; a created file gets its content by an edit', () => {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(edit.documentChanges, [
      { textDocument: { uri: 'file:///repo/a.md', version: null }, edits: [{ range, newText: 'x' }] },
      { kind: 'create', uri: 'file:///repo/CHANGELOG.md', options: { overwrite: false, ignoreIfExists: true } },
      { textDocument: { uri: 'file:///repo/CHANGELOG.md', version: null }, edits: [{ range: zero, newText: '# Changelog\n' }] },
      { kind: 'rename', oldUri: 'file:///repo/run.sh', newUri: 'file:///repo/scripts/run.sh', options: { overwrite: false } },
      { textDocument: { uri: 'file:///repo/b.md', version: null }, edits: [{ range, newText: 'y' }] },
    ]);
  });

  test('an edit that would create an existing file is recognised, so it is refused', () => {
    assert.equal(
      createsExistingFile(edit, (filePath) => filePath === '/repo/CHANGELOG.md'),
      true,
    );
    assert.equal(
      createsExistingFile(edit, () => false),
      false,
    );
  });
});

describe('uriToPath', () => {
  test('file URIs become paths (percent-decoded); other schemes have none', () => {
    assert.equal(uriToPath('file:///repo/my%20app/Dockerfile'), '/repo/my app/Dockerfile');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('vscode-remote://ssh/repo/Dockerfile'), undefined);
  });
});

describe('kindRequested', () => {
  test('without `only`, quick fixes; with it, the kind or a parent of it', () => {
    assert.equal(kindRequested('quickfix', undefined), true);
    assert.equal(kindRequested('source.fixAll.plumbline', undefined), false);
    assert.equal(kindRequested('source.fixAll.plumbline', ['source.fixAll']), true);
    assert.equal(kindRequested('source.fixAll.plumbline', ['source']), true);
    assert.equal(kindRequested('source.fixAll.plumbline', ['source.fixAll.eslint']), false);
    assert.equal(kindRequested('quickfix', ['source.fixAll']), false);
  });
});

describe('parseSettings', () => {
  test('reads every setting', () => {
    assert.deepEqual(
      parseSettings({
        enable: false,
        run: 'onSave',
        rules: { customizations: { PL102: 'error', 'docker/healthcheck': 'off' } },
        configFile: ' ci/plumbline.yaml ',
        scope: 'openFiles',
        changedSince: ' origin/main ',
      }),
      {
        enable: false,
        run: 'onSave',
        customizations: { PL102: 'error', 'docker/healthcheck': 'off' },
        configFile: 'ci/plumbline.yaml',
        scope: 'openFiles',
        changedSince: 'origin/main',
      },
    );
  });

  test('malformed values fall back to the defaults; unknown severities are dropped', () => {
    assert.deepEqual(parseSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(
      parseSettings({ enable: 'yes', run: 'sometimes', rules: { customizations: { PL102: 'loud' } }, configFile: '', scope: 1, changedSince: 7 }),
      DEFAULT_SETTINGS,
    );
  });
});
