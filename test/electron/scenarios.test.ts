// The desktop harness's scenarios, run by Mocha inside the VS Code extension host: the same
// fixtures and expectations as the browser suite (test/e2e/scenarios.ts), checked through the
// editor API a user's editor is built on (diagnostics, code actions, commands).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { CREATE_CHANGELOG, NEW_ADR, PACK_FILES, SHELL_FORM_DOCKERFILE, UNOPENED_FILE, UNPINNED_DOCKERFILE, type ExpectedDiagnostic } from '../e2e/scenarios';

const SOURCE = 'plumbline';
const WAIT_MS = 30_000;

function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens the demo workspace copy as the first folder');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Plumbline's diagnostics of a file, as "PL102 1:6" (1-based, as the Problems panel shows them). */
function shownDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE)
    .map((d) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

const describeExpected = (expected: ExpectedDiagnostic) => `${expected.code} ${expected.line}:${expected.column}`;

/** Resolves once `accept` holds for the file's diagnostics, re-checking on every diagnostics change. */
function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (shown: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const shown = shownDiagnostics(uri);
      if (!accept(shown)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(shown);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${what} in ${uri.fsPath}; shown: ${JSON.stringify(shownDiagnostics(uri))}`));
    }, WAIT_MS);
    check();
  });
}

function waitForListed(uri: vscode.Uri, expected: readonly ExpectedDiagnostic[]): Promise<string[]> {
  const wanted = expected.map(describeExpected);
  return waitForDiagnostics(uri, wanted.join(', '), (shown) => wanted.every((entry) => shown.includes(entry)));
}

function waitForGone(uri: vscode.Uri, code: string): Promise<string[]> {
  return waitForDiagnostics(uri, `no ${code}`, (shown) => !shown.some((entry) => entry.startsWith(`${code} `)));
}

async function open(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Applies the quick fix with this exact title at a position, as choosing it from Ctrl+. does. */
async function applyQuickFix(uri: vscode.Uri, position: vscode.Position, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    new vscode.Range(position, position),
    vscode.CodeActionKind.QuickFix.value,
  );
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, `quick fixes offered: ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `"${title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('Plumbline in VS Code desktop', () => {
  it('1. a Dockerfile shows PL102 and PL101', async () => {
    await open(UNPINNED_DOCKERFILE.path);
    await waitForListed(workspaceUri(UNPINNED_DOCKERFILE.path), UNPINNED_DOCKERFILE.diagnostics);
  });

  it('2. typing a pinned tag removes PL102', async () => {
    const { floatingTag, pinnedTag } = UNPINNED_DOCKERFILE;
    const editor = await open(UNPINNED_DOCKERFILE.path);
    const start = new vscode.Position(floatingTag.line - 1, floatingTag.column - 1);
    const tagRange = new vscode.Range(start, start.translate(0, floatingTag.text.length));
    assert.equal(editor.document.getText(tagRange), floatingTag.text);
    assert.ok(await editor.edit((edit) => edit.replace(tagRange, pinnedTag)));
    await waitForGone(editor.document.uri, 'PL102');
  });

  it('3. "Rewrite CMD in exec form" rewrites the shell-form CMD', async () => {
    const { path: file, diagnostic, fixTitle, fixedLine } = SHELL_FORM_DOCKERFILE;
    const editor = await open(file);
    await waitForListed(editor.document.uri, [diagnostic]);
    await applyQuickFix(editor.document.uri, new vscode.Position(diagnostic.line - 1, diagnostic.column - 1), fixTitle);
    assert.equal(editor.document.lineAt(diagnostic.line - 1).text, fixedLine);
    await waitForGone(editor.document.uri, diagnostic.code);
  });

  it('4. "Disable PL101 for this line" inserts the suppression comment', async () => {
    const { suppression } = UNPINNED_DOCKERFILE;
    const editor = await open(UNPINNED_DOCKERFILE.path);
    await waitForListed(editor.document.uri, [{ code: suppression.code, line: suppression.line, column: 1 }]);
    await applyQuickFix(editor.document.uri, new vscode.Position(suppression.line - 1, 0), suppression.actionTitle);
    assert.equal(editor.document.lineAt(suppression.line - 1).text, suppression.comment);
    await waitForGone(editor.document.uri, suppression.code);
  });

  for (const pack of PACK_FILES) {
    it(`5. a ${pack.pack} file (${pack.path}) shows ${pack.diagnostics.map((d) => d.code).join(', ')}`, async () => {
      await open(pack.path);
      await waitForListed(workspaceUri(pack.path), pack.diagnostics);
    });
  }

  it(`6. "${NEW_ADR.commandTitle}" (skipped here: its title prompt cannot be answered from the extension host; the browser suite covers it)`, function () {
    this.skip();
  });

  it(`7. "${CREATE_CHANGELOG.commandTitle}" creates the file once and leaves it unchanged the second time`, async () => {
    const target = workspaceUri(`${CREATE_CHANGELOG.folder}/CHANGELOG.md`);
    await open(`${CREATE_CHANGELOG.folder}/pyproject.toml`);
    await vscode.commands.executeCommand(CREATE_CHANGELOG.commandId);
    assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} was not created`);
    await vscode.window.activeTextEditor?.document.save();
    const created = fs.readFileSync(target.fsPath, 'utf8');
    assert.ok(created.includes(CREATE_CHANGELOG.templateHeading), created);
    await open(`${CREATE_CHANGELOG.folder}/pyproject.toml`);
    await vscode.commands.executeCommand(CREATE_CHANGELOG.commandId);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, target.fsPath, 'the second run opens the existing file');
    assert.equal(vscode.window.activeTextEditor?.document.isDirty, false);
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), created);
  });

  it('8. a file that was never opened has its problems listed (workspace diagnostics)', async () => {
    const uri = workspaceUri(UNOPENED_FILE.path);
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()));
    await waitForListed(uri, [UNOPENED_FILE.diagnostic]);
  });

  it('9. Restricted Mode (skipped here: workspace trust cannot be revoked from inside the window; the browser suite covers it)', function () {
    this.skip();
  });
});
