/**
 * The server side of the CHANGELOG and ADR palette commands. Each command
 * computes engine WorkspaceChanges with the same workflow functions as the
 * CLI, applies them through the client as one WorkspaceEdit (so one Undo
 * reverts it), and answers where the editor should put the cursor.
 *
 * The ids differ from the palette commands' ids: the language client
 * registers every server command id itself, and one id cannot be registered twice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceDocument } from '../../engine/sourceDocument';
import type { Position, WorkspaceChange } from '../../engine/types';
import type { Workspace } from '../../engine/workspace';
import { adrFolderFor, indexProbe, recordsIn } from '../../languages/adrRecord';
import { CHANGELOG_FILE_NAME } from '../../languages/keepAChangelog';
import { componentRootOf, hasChangelog } from '../../rules/changelog/missing';
import {
  ADR_TEMPLATES,
  generateAdrIndex,
  isoDate,
  newAdr,
  padNumber,
  supersedeAdr,
  TEAM_TEMPLATE,
  WorkflowError,
  type AdrCreation,
  type AdrFolderListing,
  type AdrTemplateName,
} from '../../workflows/adr';
import { addChangelogEntry, canonicalSection, changelogTemplate } from '../../workflows/changelog';
import { gitUserName } from '../../workflows/git';
import { pathToUri, uriToPath } from '../convert';
import { MARKDOWN_SERVER_COMMANDS, type AdrSummary, type CommandLocation } from './markdownProtocol';
import type { ServerCommand, ServerCommandContext } from './serverCommand';

function pathArgument(value: unknown, what: string): string {
  const filePath = typeof value === 'string' ? (value.startsWith('file:') ? uriToPath(value) : path.resolve(value)) : undefined;
  if (!filePath) throw new WorkflowError(`The command needs ${what} as its first argument.`);
  return filePath;
}

function stringArgument(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new WorkflowError(`The command needs ${what}.`);
  return value;
}

function templateArgument(value: unknown): AdrTemplateName | undefined {
  return typeof value === 'string' && (ADR_TEMPLATES as readonly string[]).includes(value) ? (value as AdrTemplateName) : undefined;
}

function location(filePath: string, position: Position, applied: boolean, existed?: boolean): CommandLocation {
  return { uri: pathToUri(filePath), line: position.line, character: position.character, applied, ...(existed ? { existed } : {}) };
}

function isDirectory(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

/** The ADR folder that serves `near` (the active file), found as the rules find it, with its Markdown files. */
function adrListing(workspace: Workspace, near: string): AdrFolderListing {
  const config = workspace.configFor(path.join(workspace.root, CHANGELOG_FILE_NAME));
  const folder = adrFolderFor(config, indexProbe(workspace.index), near);
  const files = workspace.index
    .filesInDirectory(folder.path)
    .filter((file) => /\.md$/i.test(file.path))
    .flatMap((file) => {
      const document = workspace.index.document(file.path);
      return document ? [{ path: file.path, text: document.text }] : [];
    });
  return { folder: folder.path, idStyle: folder.idStyle, files, teamTemplate: workspace.index.document(path.join(folder.path, TEAM_TEMPLATE))?.text };
}

/** The active file the palette sends as the first argument; the workspace root when there is none. */
function anchorPath(workspace: Workspace, value: unknown): string {
  return typeof value === 'string' && value !== '' ? pathArgument(value, 'the active file') : workspace.root;
}

async function applyCreation(context: ServerCommandContext, label: string, creation: AdrCreation): Promise<CommandLocation> {
  const applied = await context.applyChanges(label, creation.changes);
  return location(creation.path, creation.cursor, applied);
}

const createChangelog: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.createChangelog,
  async run(args, { workspace, applyChanges }) {
    const target = pathArgument(args[0], 'a file or folder');
    const directory = isDirectory(target) ? target : componentRootOf(workspace.index, path.dirname(target));
    const changelog = path.join(directory, CHANGELOG_FILE_NAME);
    if (hasChangelog(workspace.index, directory) || fs.existsSync(changelog)) return location(changelog, { line: 0, character: 0 }, false, true);
    const content = changelogTemplate();
    const applied = await applyChanges(`Create ${CHANGELOG_FILE_NAME}`, [{ kind: 'create', path: changelog, content }]);
    return location(changelog, { line: content.split('\n').length - 1, character: 0 }, applied);
  },
};

function nearestChangelogIn(workspace: Workspace, from: string): string | undefined {
  if (path.basename(from).toLowerCase() === CHANGELOG_FILE_NAME.toLowerCase()) return from;
  for (let directory = isDirectory(from) ? from : path.dirname(from); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, CHANGELOG_FILE_NAME);
    if (workspace.index.has(candidate)) return candidate;
    if (directory === workspace.root || path.dirname(directory) === directory) return undefined;
  }
}

const addEntry: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.addChangelogEntry,
  async run(args, { workspace, applyChanges }) {
    const from = pathArgument(args[0], 'the active file');
    const section = canonicalSection(stringArgument(args[1], 'a section (Added, Changed, Deprecated, Removed, Fixed or Security)'));
    if (!section) throw new WorkflowError(`Unknown section "${String(args[1])}".`);
    const text = stringArgument(args[2], 'the entry text');
    const changelog = nearestChangelogIn(workspace, from);
    const document = changelog && workspace.index.document(changelog);
    if (!changelog || !document) throw new WorkflowError(`No ${CHANGELOG_FILE_NAME} here or above; run "Plumbline: Create CHANGELOG.md" first.`);
    const inserted = addChangelogEntry(new SourceDocument(changelog, document.text), {
      section,
      text,
      now: new Date(),
      author: gitUserName(path.dirname(changelog)),
    });
    const change: WorkspaceChange = { kind: 'edit', path: changelog, edits: [inserted.edit] };
    return location(changelog, inserted.position, await applyChanges(`Add ${section} entry to ${CHANGELOG_FILE_NAME}`, [change]));
  },
};

const newRecord: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.newAdr,
  async run(args, context) {
    const title = stringArgument(args[1], 'the decision title');
    const listing = adrListing(context.workspace, anchorPath(context.workspace, args[0]));
    const creation = newAdr(listing, { title, date: isoDate(new Date()), template: templateArgument(args[2]) });
    return applyCreation(context, `New ADR ${creation.number === undefined ? path.basename(creation.path) : padNumber(creation.number)}`, creation);
  },
};

const supersede: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.supersedeAdr,
  async run(args, context) {
    const old = typeof args[1] === 'number' ? args[1] : typeof args[1] === 'string' && /^\d+$/.test(args[1]) ? Number(args[1]) : args[1];
    if (!(typeof old === 'number' && Number.isInteger(old)) && !(typeof old === 'string' && old !== '')) {
      throw new WorkflowError('The command needs the number of the record to supersede (its file name in a dated folder).');
    }
    const title = stringArgument(args[2], 'the new decision title');
    const listing = adrListing(context.workspace, anchorPath(context.workspace, args[0]));
    // A record that is already superseded is refused with a WorkflowRefusal naming its successor; nothing is applied.
    const creation = supersedeAdr(listing, old, { title, date: isoDate(new Date()), template: templateArgument(args[3]) });
    return applyCreation(context, `Supersede ADR ${typeof old === 'number' ? padNumber(old) : old}`, creation);
  },
};

const index: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.generateAdrIndex,
  async run(args, { workspace, applyChanges }) {
    const update = generateAdrIndex(adrListing(workspace, anchorPath(workspace, args[0])));
    const applied = update.changes.length === 0 || (await applyChanges('Generate ADR index', update.changes));
    return location(update.path, update.cursor, applied);
  },
};

const list: ServerCommand = {
  id: MARKDOWN_SERVER_COMMANDS.listAdrs,
  async run(args, { workspace }) {
    const { folder, idStyle } = adrListing(workspace, anchorPath(workspace, args[0]));
    const summaries: AdrSummary[] = [];
    for (const [filePath, record] of recordsIn(workspace.index, folder)) {
      // A numbered folder's supersede command takes a number; a dated one takes the file name.
      if (idStyle === 'number' && record.number === undefined) continue;
      const id = record.fileName.replace(/\.md$/i, '');
      summaries.push({ number: record.number, id, title: record.title || record.fileName, status: record.status?.value ?? '', uri: pathToUri(filePath) });
    }
    return summaries.sort((a, b) => (a.number ?? 0) - (b.number ?? 0) || a.id.localeCompare(b.id));
  },
};

export const markdownServerCommands: ServerCommand[] = [createChangelog, addEntry, newRecord, supersede, index, list];
