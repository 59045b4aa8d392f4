/**
 * Palette commands for CHANGELOGs and ADRs. The client only asks: pickers
 * and input boxes here, then the server computes and applies the change as
 * one WorkspaceEdit (one Undo), and answers where to put the cursor.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { MARKDOWN_SERVER_COMMANDS, type AdrSummary, type CommandLocation } from '../../../server/src/lsp/commands/markdownProtocol';
import type { PaletteCommand } from './paletteCommand';

const SECTIONS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
const TEMPLATES: Array<vscode.QuickPickItem & { template: string | undefined }> = [
  { label: 'Default', description: "the folder's templates/template.md, else the style of its records, else MADR 4.0", template: undefined },
  { label: 'MADR 4.0', template: 'madr' },
  { label: 'Nygard (adr-tools)', template: 'nygard' },
];

/** The file the command is about: the active editor's, else the first workspace folder; says so when there is neither. */
function anchorUri(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const anchor = active?.scheme === 'file' ? active.toString() : vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  if (!anchor) void vscode.window.showWarningMessage('Plumbline: open a folder first.');
  return anchor;
}

async function execute<T>(client: LanguageClient, command: string, args: unknown[]): Promise<T | undefined> {
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  } catch (error) {
    void vscode.window.showErrorMessage(`Plumbline: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Opens the command's file at the cursor position it answered. A file the
 * command created is saved at once: applying a WorkspaceEdit creates it empty
 * on disk and leaves its text unsaved, and closing it unsaved would leave an
 * empty CHANGELOG.md or ADR behind.
 */
async function reveal(result: CommandLocation | undefined, failure: string, createsFile = false): Promise<void> {
  if (!result) return;
  if (!result.applied && !result.existed) {
    void vscode.window.showWarningMessage(`Plumbline: ${failure}`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  if (createsFile && result.applied && document.isDirty) await document.save();
  const position = new vscode.Position(result.line, result.character);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
  if (result.existed) void vscode.window.showInformationMessage('Plumbline: CHANGELOG.md already exists; opened it instead.');
}

function askTitle(prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt,
    placeHolder: 'Use PostgreSQL for billing',
    validateInput: (value) => (value.trim() ? undefined : 'Give the decision a short title.'),
  });
}

const createChangelog: PaletteCommand = {
  id: 'plumbline.createChangelog',
  async run(client) {
    let target = vscode.window.activeTextEditor?.document.uri;
    if (target?.scheme !== 'file') {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create CHANGELOG.md here' });
      target = picked?.[0];
    }
    if (!target) return;
    const result = await execute<CommandLocation>(client, MARKDOWN_SERVER_COMMANDS.createChangelog, [target.toString()]);
    await reveal(result, 'CHANGELOG.md was not created.', true);
  },
};

const addChangelogEntry: PaletteCommand = {
  id: 'plumbline.addChangelogEntry',
  async run(client) {
    const anchor = anchorUri();
    if (!anchor) return;
    const section = await vscode.window.showQuickPick(SECTIONS, { placeHolder: 'Kind of change' });
    if (!section) return;
    const text = await vscode.window.showInputBox({
      prompt: `${section}: what changed, for the people who upgrade`,
      validateInput: (value) => (value.trim() ? undefined : 'Describe the change.'),
    });
    if (!text) return;
    const result = await execute<CommandLocation>(client, MARKDOWN_SERVER_COMMANDS.addChangelogEntry, [anchor, section, text]);
    await reveal(result, 'the entry was not added.');
  },
};

const newAdr: PaletteCommand = {
  id: 'plumbline.newAdr',
  async run(client) {
    const anchor = anchorUri();
    if (!anchor) return;
    const title = await askTitle('Title of the new architecture decision record');
    if (!title) return;
    const template = await vscode.window.showQuickPick(TEMPLATES, { placeHolder: 'Template' });
    if (!template) return;
    const result = await execute<CommandLocation>(client, MARKDOWN_SERVER_COMMANDS.newAdr, [anchor, title, template.template]);
    await reveal(result, 'the ADR was not created.', true);
  },
};

const supersedeAdr: PaletteCommand = {
  id: 'plumbline.supersedeAdr',
  async run(client) {
    const anchor = anchorUri();
    if (!anchor) return;
    const records = await execute<AdrSummary[]>(client, MARKDOWN_SERVER_COMMANDS.listAdrs, [anchor]);
    if (!records) return;
    if (records.length === 0) return void vscode.window.showInformationMessage('Plumbline: there are no ADRs to supersede yet.');
    const old = await vscode.window.showQuickPick(
      records.map((record) => ({
        label: `${record.number === undefined ? record.id : String(record.number).padStart(4, '0')} ${record.title}`,
        description: record.status,
        record,
      })),
      { placeHolder: 'Record to supersede' },
    );
    if (!old) return;
    const title = await askTitle(`Title of the decision that supersedes ${old.label}`);
    if (!title) return;
    const result = await execute<CommandLocation>(client, MARKDOWN_SERVER_COMMANDS.supersedeAdr, [anchor, old.record.number ?? old.record.id, title]);
    await reveal(result, 'the ADRs were not changed.', true);
  },
};

const generateAdrIndex: PaletteCommand = {
  id: 'plumbline.generateAdrIndex',
  async run(client) {
    const anchor = anchorUri();
    if (!anchor) return;
    const result = await execute<CommandLocation>(client, MARKDOWN_SERVER_COMMANDS.generateAdrIndex, [anchor]);
    await reveal(result, 'the ADR index was not written.');
  },
};

export const markdownPaletteCommands: PaletteCommand[] = [createChangelog, addChangelogEntry, newAdr, supersedeAdr, generateAdrIndex];
