/**
 * Architecture decision records as PL403, PL404 and the ADR commands see
 * them: where the ADR folder is, which files in it are records, and what a
 * record says (number, title, status, date, sections, supersede links).
 * Both Nygard (adr-tools) and MADR 4.0 records are recognised by their shape.
 */
import * as path from 'node:path';
import type { Heading } from 'mdast';
import type { ResolvedConfig } from '../../engine/config';
import { relativePosix } from '../../engine/fileSystem';
import { SourceDocument } from '../../engine/sourceDocument';
import type { Range, TextEdit } from '../../engine/types';
import type { FactProvider, IndexedFile, WorkspaceIndex } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import type { MarkdownModel } from '../../languages/markdown';
import { endOf, headingContent, startOf } from './keepAChangelog';

export const DEFAULT_ADR_FOLDER = 'docs/adr';
export const ADR_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export const ADR_FILE_NAME = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
const NOT_RECORDS = new Set(['readme.md', 'index.md', 'template.md']);

export type AdrStyle = 'madr' | 'nygard' | 'unknown';
export type LinkKind = 'supersedes' | 'superseded-by';

export interface AdrLink {
  kind: LinkKind;
  /** The link target as written, e.g. `0002-use-postgres.md`. */
  target: string;
  range: Range;
}

export interface AdrRecord {
  fileName: string;
  /** The leading number of the file name, when it has one. */
  number: number | undefined;
  title: string;
  /** Range of the H1 title, or of the first line when there is none. */
  titleRange: Range;
  style: AdrStyle;
  status: { value: string; range: Range } | undefined;
  date: string | undefined;
  /** H2 headings, lower-cased. */
  sections: Set<string>;
  links: AdrLink[];
  hasFrontMatter: boolean;
}

export const NYGARD_SECTIONS = ['Status', 'Context', 'Decision', 'Consequences'];
export const MADR_SECTIONS = ['Context and Problem Statement', 'Considered Options', 'Decision Outcome'];

/** The ADR folder relative to the configuration root: configured, else adr-tools' `.adr-dir`, else `docs/adr`. */
export function adrFolderOf(config: ResolvedConfig, readFile: (filePath: string) => string | undefined): string {
  if (config.paths.adr) return config.paths.adr;
  const fromAdrTools = adrToolsFolder(config, readFile);
  return fromAdrTools && !leavesWorkspace(fromAdrTools) ? fromAdrTools : DEFAULT_ADR_FOLDER;
}

/** The folder adr-tools' `.adr-dir` names, normalised, when there is one. */
function adrToolsFolder(config: ResolvedConfig, readFile: (filePath: string) => string | undefined): string | undefined {
  return readFile(path.join(config.root, '.adr-dir'))?.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || undefined;
}

function leavesWorkspace(folder: string): boolean {
  return folder.startsWith('/') || /^[A-Za-z]:/.test(folder) || folder.split('/').includes('..');
}

/** The `.adr-dir` folder when it points outside the workspace and is therefore not used (PL504 reports it). */
export function adrDirOutsideWorkspace(config: ResolvedConfig, readFile: (filePath: string) => string | undefined): string | undefined {
  if (config.paths.adr) return undefined;
  const fromAdrTools = adrToolsFolder(config, readFile);
  return fromAdrTools && leavesWorkspace(fromAdrTools) ? fromAdrTools : undefined;
}

export function adrFolderPath(config: ResolvedConfig, index: WorkspaceIndex): string {
  return path.join(config.root, adrFolderOf(config, (filePath) => index.document(filePath)?.text));
}

/** Whether a file (absolute path) is a record in the ADR folder (absolute path). */
export function isAdrFile(filePath: string, folder: string): boolean {
  const name = path.basename(filePath);
  return path.dirname(filePath) === folder && /\.md$/i.test(name) && !NOT_RECORDS.has(name.toLowerCase());
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

export function readAdr(document: SourceDocument, model: MarkdownModel): AdrRecord {
  const fileName = path.basename(document.path);
  const numberMatch = /^(\d+)-/.exec(fileName);
  const headings = model.root.children.filter((n): n is Heading => n.type === 'heading');
  const title = headings.find((h) => h.depth === 1);
  const sections = new Set(headings.filter((h) => h.depth === 2).map((h) => headingContent(document, h).text.toLowerCase()));
  const fields = model.frontMatter?.fields;
  const isMadr = fields?.has('status') || sections.has('context and problem statement');
  const style: AdrStyle = isMadr ? 'madr' : sections.has('status') ? 'nygard' : 'unknown';

  let status: AdrRecord['status'];
  let date: string | undefined;
  if (style === 'madr') {
    const field = fields?.get('status');
    if (field) {
      const lineText = document.lineText(field.line);
      const at = lineText.indexOf(field.value);
      status = { value: field.value, range: { start: { line: field.line, character: at }, end: { line: field.line, character: at + field.value.length } } };
    }
    date = fields?.get('date')?.value;
  } else {
    const statusHeading = headings.find((h) => h.depth === 2 && headingContent(document, h).text.toLowerCase() === 'status');
    status = statusHeading && firstParagraphAfter(document, model, statusHeading);
    date = /^Date:\s*(\S+)/m.exec(document.text)?.[1];
  }

  const skip = codeLines(document, model);
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
    number: numberMatch ? Number(numberMatch[1]) : undefined,
    title: titleText.replace(/^\d+\.\s+/, ''),
    titleRange: title ? document.rangeOf(startOf(title), startOf(title) + document.lineText(document.positionAt(startOf(title)).line).length) : document.lineRange(0),
    style,
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
 * buffer may differ from the indexed file), or undefined when the document is
 * not in the ADR folder.
 */
export function lintedRecord(context: {
  document: SourceDocument;
  parsed: MarkdownModel;
  config: ResolvedConfig;
  index: WorkspaceIndex;
}): { folder: string; record: AdrRecord } | undefined {
  const folder = adrFolderPath(context.config, context.index);
  if (!isAdrFile(context.document.path, folder)) return undefined;
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

/** Adds "Supersedes <link>" below the status (Nygard) or the title (MADR). */
export function addSupersedesEdit(document: SourceDocument, record: AdrRecord, link: string): TextEdit {
  const line = record.style === 'nygard' && record.status ? record.status.range.start.line : record.titleRange.start.line;
  return insertAfterLine(document, line, `Supersedes ${link}`);
}

/** The record of a document, parsed on the spot (for documents not yet in the index). */
export function readAdrDocument(filePath: string, text: string): AdrRecord {
  const document = new SourceDocument(filePath, text);
  return readAdr(document, parseAs('markdown', document));
}
