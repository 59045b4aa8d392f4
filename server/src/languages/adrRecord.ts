/**
 * Architecture decision records as PL403, PL404, the index facts and the ADR
 * commands see them: where the ADR folders are, which files in them are
 * records, and what a record says (id, title, status, date, sections,
 * supersede links). Nygard (adr-tools), MADR 2/3 (a `* Status:` list), MADR 4
 * (optional front matter) and log4brains records are recognised by their shape.
 */
import * as path from 'node:path';
import type { Heading } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { ResolvedConfig } from '../engine/config';
import { relativePosix } from '../engine/fileSystem';
import { SourceDocument } from '../engine/sourceDocument';
import type { Range, TextEdit } from '../engine/types';
import type { FactProvider, IndexedFile, WorkspaceIndex } from '../engine/workspaceIndex';
import { parseAs } from './';
import type { MarkdownModel } from './markdown';
import { endOf, headingContent, isCalendarDate, startOf } from './keepAChangelog';

/** Where a new ADR goes when nothing names or holds an ADR folder yet. */
export const DEFAULT_ADR_FOLDER = 'docs/adr';
/**
 * The folders ADR tools create by default, relative to the configuration
 * root: adr-tools' `doc/adr`, `docs/adr`, MADR's `docs/decisions`, and the
 * `architecture/decisions` folders many teams use. Every one that holds
 * Markdown files is an ADR folder.
 */
export const CONVENTIONAL_ADR_FOLDERS = ['doc/adr', 'docs/adr', 'docs/decisions', 'doc/architecture/decisions', 'docs/architecture/decisions'] as const;
export const ADR_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
/** log4brains' own status for a record still being written. */
export const LOG4BRAINS_DRAFT = 'draft';
/**
 * `0003-use-kafka.md`: four digits, then a slug. adr-tools writes it in lower
 * case, but MADR keeps a title's capitals (`0001-use-CC0-or-MIT.md`) and
 * nothing cites a record by its slug's case.
 */
export const NUMBERED_FILE_NAME = /^(\d{4})-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.md$/;
/** `20240115-use-kafka.md`: log4brains' date, then a slug. */
export const DATED_FILE_NAME = /^(\d{4})(\d{2})(\d{2})-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.md$/;
/**
 * A folder's README and index, and the templates kept beside the records
 * (`template.md`, MADR's `adr-template.md`, `adr-template-minimal.md`, and a
 * numbered `0000-template.md` that sorts first among the records).
 */
const NOT_RECORDS = /^(?:readme|index|(?:\d+-)?(?:adr-)?template(?:-[a-z0-9-]+)?)\.md$/i;

export type AdrStyle = 'madr' | 'nygard' | 'unknown';
/** How a folder identifies its records: `NNNN-` numbers, or log4brains' `YYYYMMDD-` dates. */
export type AdrIdStyle = 'number' | 'date';
export type LinkKind = 'supersedes' | 'superseded-by';

export interface AdrFolder {
  /** Absolute path. */
  path: string;
  idStyle: AdrIdStyle;
  /** The directory whose work this folder records (a log4brains package), absolute. */
  scope: string;
}

/** What discovery needs to know about the workspace: from the index (rules, editor) or the disk (CLI). */
export interface AdrFolderProbe {
  readFile(filePath: string): string | undefined;
  /** Names of the Markdown files directly in a directory; none when it does not exist. */
  markdownFiles(directory: string): string[];
}

export interface AdrLink {
  kind: LinkKind;
  /** The link target as written, e.g. `0002-use-postgres.md`. */
  target: string;
  range: Range;
}

export interface AdrRecord {
  fileName: string;
  /** The leading number of a numbered file name (`0003-…`); undefined for dated and unnumbered names. */
  number: number | undefined;
  title: string;
  /** Range of the H1 title, or of the first line when there is none. */
  titleRange: Range;
  style: AdrStyle;
  /** MADR metadata form: YAML front matter (MADR 3/4) or a `* Status:` list under the title (MADR 2, log4brains). */
  metadata: 'front-matter' | 'list' | undefined;
  status: { value: string; range: Range } | undefined;
  date: { value: string; range: Range } | undefined;
  /** H2 headings, lower-cased. */
  sections: Set<string>;
  links: AdrLink[];
  hasFrontMatter: boolean;
}

export const NYGARD_SECTIONS = ['Status', 'Context', 'Decision', 'Consequences'];
export const MADR_SECTIONS = ['Context and Problem Statement', 'Considered Options', 'Decision Outcome'];

function folderSetting(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const folder = value
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  return folder && !folder.startsWith('/') && !/^[A-Za-z]:/.test(folder) && !folder.split('/').includes('..') ? folder : undefined;
}

/** The folder adr-tools' `.adr-dir` names when it leads outside the workspace, so it is not used (PL504 reports it). */
export function adrDirOutsideWorkspace(config: ResolvedConfig, readFile: (filePath: string) => string | undefined): string | undefined {
  if (config.paths.adr) return undefined;
  const named = readFile(path.join(config.root, '.adr-dir'))?.split(/\r?\n/)[0]?.trim();
  return named && !folderSetting(named) ? named : undefined;
}

/** log4brains' `.log4brains.yml`: the project's `adrFolder` and each package's, relative to the file. */
function log4brainsFolders(text: string): Array<{ folder: string; scope: string }> {
  let project: unknown;
  try {
    project = (parseYaml(text) as { project?: unknown } | null)?.project;
  } catch {
    return []; // An unreadable log4brains configuration names no folder; the conventional ones still apply.
  }
  if (!project || typeof project !== 'object') return [];
  const { adrFolder, packages } = project as { adrFolder?: unknown; packages?: unknown };
  const found: Array<{ folder: string; scope: string }> = [];
  const main = folderSetting(adrFolder);
  if (main) found.push({ folder: main, scope: '' });
  for (const entry of Array.isArray(packages) ? packages : []) {
    const folder = folderSetting((entry as { adrFolder?: unknown } | null)?.adrFolder);
    if (folder) found.push({ folder, scope: folderSetting((entry as { path?: unknown }).path) ?? path.posix.dirname(folder) });
  }
  return found;
}

function isDatedId(name: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})-/.exec(name);
  return match !== null && isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`);
}

/** Dated when every record with a leading id uses log4brains' `YYYYMMDD-` form, and there is one. */
function idStyleOf(fileNames: readonly string[]): AdrIdStyle {
  const withId = fileNames.filter((name) => /^\d+-/.test(name));
  return withId.length > 0 && withId.every(isDatedId) ? 'date' : 'number';
}

/**
 * Every ADR folder of the configuration's tree, most specific source first:
 * `paths.adr` from the configuration (which overrides the rest), else
 * adr-tools' `.adr-dir`, else log4brains' `.log4brains.yml` (the project's
 * `adrFolder` and each package's), else every conventional folder
 * (CONVENTIONAL_ADR_FOLDERS) that holds Markdown. Empty when there is none.
 */
export function adrFolders(config: ResolvedConfig, probe: AdrFolderProbe): AdrFolder[] {
  const at = (relative: string) => path.join(config.root, ...relative.split('/'));
  const folder = (relative: string, scope = '', idStyle?: AdrIdStyle): AdrFolder => {
    const absolute = at(relative);
    return { path: absolute, scope: at(scope), idStyle: idStyle ?? idStyleOf(probe.markdownFiles(absolute).filter(isRecordName)) };
  };
  if (config.paths.adr) return [folder(config.paths.adr)];
  const adrDir = folderSetting(probe.readFile(at('.adr-dir'))?.split(/\r?\n/)[0]);
  if (adrDir) return [folder(adrDir, '', 'number')];
  const log4brains = probe.readFile(at('.log4brains.yml')) ?? probe.readFile(at('.log4brains.yaml'));
  const fromLog4brains = log4brains === undefined ? [] : log4brainsFolders(log4brains);
  if (fromLog4brains.length > 0) return fromLog4brains.map(({ folder: f, scope }) => folder(f, scope, 'date'));
  return CONVENTIONAL_ADR_FOLDERS.filter((relative) => probe.markdownFiles(at(relative)).length > 0).map((relative) => folder(relative));
}

/**
 * The folder a new record goes to: the one whose scope holds `near` most
 * closely (a log4brains package's folder for a file in that package), else
 * the first; `docs/adr` when there is no ADR folder yet.
 */
export function adrFolderFor(config: ResolvedConfig, probe: AdrFolderProbe, near?: string): AdrFolder {
  const folders = adrFolders(config, probe);
  const holding = near === undefined ? [] : folders.filter((f) => near === f.scope || !relativePosix(f.scope, near).startsWith('..'));
  const best = holding.sort((a, b) => b.scope.length - a.scope.length)[0] ?? folders[0];
  return best ?? { path: path.join(config.root, ...DEFAULT_ADR_FOLDER.split('/')), idStyle: 'number', scope: config.root };
}

/** Discovery over the workspace index: open buffers and indexed files, no extra disk reads. */
export function indexProbe(index: WorkspaceIndex): AdrFolderProbe {
  return {
    readFile: (filePath) => (index.has(filePath) ? index.document(filePath)?.text : undefined),
    markdownFiles: (directory) =>
      index
        .filesInDirectory(directory)
        .map((file) => path.basename(file.path))
        .filter((name) => /\.md$/i.test(name)),
  };
}

/** The ADR folders of a configuration's tree, found through the workspace index. */
export function adrFoldersIn(config: ResolvedConfig, index: WorkspaceIndex): AdrFolder[] {
  return adrFolders(config, indexProbe(index));
}

function isRecordName(name: string): boolean {
  return /\.md$/i.test(name) && !NOT_RECORDS.test(name);
}

/** Whether a file (absolute path) is a record in the ADR folder (absolute path). */
export function isAdrFile(filePath: string, folder: string): boolean {
  return path.dirname(filePath) === folder && isRecordName(path.basename(filePath));
}

/** The ADR folder (of `folders`) that holds a file as a record, if any. */
export function folderOfRecord(filePath: string, folders: readonly AdrFolder[]): AdrFolder | undefined {
  return folders.find((folder) => isAdrFile(filePath, folder.path));
}

const LINK = /\b(superseded by|supersedes)\b[:\s]*\[([^\]]*)\]\(([^)\s]+)\)/gi;

function firstParagraphAfter(document: SourceDocument, model: MarkdownModel, heading: Heading): { value: string; range: Range } | undefined {
  const children = model.root.children;
  const next = children[children.indexOf(heading) + 1];
  if (!next || next.type !== 'paragraph') return undefined;
  const start = document.positionAt(startOf(next));
  const lineText = document.lineText(start.line);
  // trimEnd() also drops characters CommonMark counts as text (U+2028): the end never comes before the start.
  const end = Math.max(start.character, lineText.trimEnd().length);
  return { value: lineText.trim(), range: { start, end: { line: start.line, character: end } } };
}

function codeLines(document: SourceDocument, model: MarkdownModel): Set<number> {
  const lines = new Set<number>();
  for (const node of model.root.children) {
    if (node.type !== 'code' && node.type !== 'html') continue;
    const first = document.positionAt(startOf(node)).line;
    const last = document.positionAt(endOf(node)).line;
    for (let line = first; line <= last; line++) lines.add(line);
  }
  return lines;
}

/** A `key: value` of MADR metadata: front matter (MADR 3/4) or a list item under the title (MADR 2, log4brains). */
type Field = { value: string; range: Range };

const LIST_FIELD = /^([ \t]*[*-][ \t]+)(status|date|deciders|decision-makers|tags)[ \t]*:[ \t]*(.*?)[ \t]*$/i;

function valueRange(line: number, at: number, value: string): Range {
  return { start: { line, character: at }, end: { line, character: at + value.length } };
}

function frontMatterFields(document: SourceDocument, model: MarkdownModel): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const [key, field] of model.frontMatter?.fields ?? []) {
    const at = document.lineText(field.line).indexOf(field.value, key.length + 1);
    fields.set(key, { value: field.value, range: valueRange(field.line, Math.max(at, 0), field.value) });
  }
  return fields;
}

/** MADR 2 and log4brains metadata: `* Status: accepted` items between the title and the first section. */
function listFields(document: SourceDocument, headings: readonly Heading[], skip: ReadonlySet<number>): Map<string, Field> {
  const fields = new Map<string, Field>();
  const firstSection = headings.find((h) => h.depth >= 2);
  const end = firstSection ? document.positionAt(startOf(firstSection)).line : document.lineCount;
  for (let line = 0; line < end; line++) {
    if (skip.has(line)) continue;
    const match = LIST_FIELD.exec(document.lineText(line));
    if (!match || fields.has(match[2]!.toLowerCase())) continue;
    const value = match[3]!.replace(/\s*<!--.*?-->\s*$/, '');
    fields.set(match[2]!.toLowerCase(), { value, range: valueRange(line, match[1]!.length + match[0].slice(match[1]!.length).indexOf(match[3]!), value) });
  }
  return fields;
}

/** The leading number of a numbered record's file name; dated (log4brains) names have none. */
function recordNumber(fileName: string): number | undefined {
  if (isDatedId(fileName)) return undefined;
  const match = /^(\d+)-/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

export function readAdr(document: SourceDocument, model: MarkdownModel): AdrRecord {
  const fileName = path.basename(document.path);
  const headings = model.root.children.filter((n): n is Heading => n.type === 'heading');
  const title = headings.find((h) => h.depth === 1);
  const sections = new Set(headings.filter((h) => h.depth === 2).map((h) => headingContent(document, h).text.toLowerCase()));
  const skip = codeLines(document, model);
  const fromFrontMatter = frontMatterFields(document, model);
  const fromList = listFields(document, headings, skip);
  const metadata =
    fromFrontMatter.has('status') || fromFrontMatter.has('date') ? 'front-matter' : fromList.has('status') || fromList.has('date') ? 'list' : undefined;
  const isNygard = sections.has('status') && !sections.has('context and problem statement');
  const style: AdrStyle = isNygard ? 'nygard' : metadata || sections.has('context and problem statement') ? 'madr' : 'unknown';

  let status: Field | undefined;
  let date: Field | undefined;
  if (style === 'nygard') {
    const statusHeading = headings.find((h) => h.depth === 2 && headingContent(document, h).text.toLowerCase() === 'status');
    status = statusHeading && firstParagraphAfter(document, model, statusHeading);
    const dateLine = /^Date:[ \t]*(\S+)/m.exec(document.text);
    if (dateLine) {
      const at = dateLine.index + dateLine[0].length - dateLine[1]!.length;
      const position = document.positionAt(at);
      date = { value: dateLine[1]!, range: valueRange(position.line, position.character, dateLine[1]!) };
    }
  } else {
    const fields = metadata === 'list' ? fromList : fromFrontMatter;
    status = fields.get('status');
    date = fields.get('date');
  }

  const links: AdrLink[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    if (skip.has(line)) continue;
    const text = document.lineText(line);
    for (const match of text.matchAll(LINK)) {
      const linkStart = match.index + match[0].indexOf('[');
      links.push({
        kind: match[1]!.toLowerCase() === 'supersedes' ? 'supersedes' : 'superseded-by',
        target: match[3]!,
        range: { start: { line, character: linkStart }, end: { line, character: match.index + match[0].length } },
      });
    }
  }

  const titleText = title ? headingContent(document, title).text : '';
  return {
    fileName,
    number: recordNumber(fileName),
    title: titleText.replace(/^\d+\.\s+/, ''),
    titleRange: title
      ? document.rangeOf(startOf(title), startOf(title) + document.lineText(document.positionAt(startOf(title)).line).length)
      : document.lineRange(0),
    style,
    metadata: style === 'madr' ? metadata : undefined,
    status,
    date,
    sections,
    links,
    hasFrontMatter: model.frontMatter !== undefined,
  };
}

/** Records of the ADR folder, cached per file in the workspace index. */
export const adrRecords: FactProvider<AdrRecord> = {
  id: 'markdown/adr-record',
  appliesTo: (file: IndexedFile) => file.kind === 'markdown',
  extract: (document) => readAdr(document, parseAs('markdown', document)),
};

/**
 * The record a rule is linting, read from the document being linted (an open
 * buffer may differ from the indexed file), with its folder, or undefined
 * when the document is not a record of an ADR folder.
 */
export function lintedRecord(context: {
  document: SourceDocument;
  parsed: MarkdownModel;
  config: ResolvedConfig;
  index: WorkspaceIndex;
}): { folder: AdrFolder; record: AdrRecord } | undefined {
  const folder = folderOfRecord(context.document.path, adrFoldersIn(context.config, context.index));
  if (!folder) return undefined;
  return { folder, record: readAdr(context.document, context.parsed) };
}

/** The records of the ADR folder (absolute path), by file path. */
export function recordsIn(index: WorkspaceIndex, folder: string): Map<string, AdrRecord> {
  const records = new Map<string, AdrRecord>();
  for (const file of index.filesInDirectory(folder)) {
    if (!isAdrFile(file.path, folder)) continue;
    const record = index.factsOf(adrRecords, file.path);
    if (record) records.set(file.path, record);
  }
  return records;
}

/** The absolute file a link target points to, or undefined for URLs. */
export function resolveLink(fromFile: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const withoutAnchor = target.split('#')[0]!;
  let decoded = withoutAnchor;
  try {
    decoded = decodeURIComponent(withoutAnchor);
  } catch {
    // A malformed escape is kept as written; it will simply not resolve.
  }
  return path.resolve(path.dirname(fromFile), decoded);
}

/** How one record links to another: `[0003. Use Kafka](0003-use-kafka.md)`. */
export function recordLink(record: Pick<AdrRecord, 'number' | 'title'>, fromFile: string, toFile: string): string {
  const label = record.number !== undefined ? `${String(record.number).padStart(4, '0')}. ${record.title}` : record.title;
  return `[${label.replace(/[[\]]/g, '')}](${encodeURI(relativePosix(path.dirname(fromFile), toFile))})`;
}

function insertAfterLine(document: SourceDocument, line: number, text: string): TextEdit {
  const end = { line, character: document.lineText(line).length };
  return { range: { start: end, end }, newText: document.eol + document.eol + text };
}

/**
 * Marks a record as superseded by `link`: Nygard records get the status
 * paragraph replaced (as adr-tools does), MADR records their front matter
 * status. A record without a status gets a "Superseded by" line under its title.
 */
export function markSupersededEdit(document: SourceDocument, record: AdrRecord, link: string): TextEdit {
  if (record.status) return { range: record.status.range, newText: record.style === 'madr' ? `superseded by ${link}` : `Superseded by ${link}` };
  return insertAfterLine(document, record.titleRange.start.line, `Superseded by ${link}`);
}

/** Adds "Supersedes <link>" below the status (Nygard), the metadata list (MADR 2, log4brains) or the title (MADR 3/4). */
export function addSupersedesEdit(document: SourceDocument, record: AdrRecord, link: string): TextEdit {
  const listEnd = record.metadata === 'list' ? Math.max(record.status?.range.start.line ?? -1, record.date?.range.start.line ?? -1) : -1;
  const line = record.style === 'nygard' && record.status ? record.status.range.start.line : listEnd >= 0 ? listEnd : record.titleRange.start.line;
  return insertAfterLine(document, line, `Supersedes ${link}`);
}

/** The record of a document, parsed on the spot (for documents not yet in the index). */
export function readAdrDocument(filePath: string, text: string): AdrRecord {
  const document = new SourceDocument(filePath, text);
  return readAdr(document, parseAs('markdown', document));
}
