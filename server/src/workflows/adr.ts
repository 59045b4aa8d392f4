/**
 * ADR workflows shared by the CLI and the editor commands: numbering (or
 * log4brains' dates), slugs, the MADR / Nygard / team templates, superseding
 * and the index.
 * Pure functions over a listing of the ADR folder; they return engine
 * WorkspaceChanges that the CLI writes to disk and the editor applies as one
 * WorkspaceEdit.
 */
import * as path from 'node:path';
import { applyEdits } from '../engine/edits';
import { SourceDocument } from '../engine/sourceDocument';
import type { Position, WorkspaceChange } from '../engine/types';
import { addSupersedesEdit, type AdrIdStyle, isAdrFile, markSupersededEdit, readAdrDocument, recordLink, type AdrRecord } from '../languages/adrRecord';

export const ADR_TEMPLATES = ['madr', 'nygard'] as const;
export type AdrTemplateName = (typeof ADR_TEMPLATES)[number];
export const TEAM_TEMPLATE = path.join('templates', 'template.md');
export const INDEX_FILE_NAME = 'README.md';
export const INDEX_START = '<!-- plumbline:adr-index:start -->';
export const INDEX_END = '<!-- plumbline:adr-index:end -->';
const MAX_SLUG_LENGTH = 50;

/** A problem with the user's input; front ends show the message as it is (the CLI exits with 2). */
export class WorkflowError extends Error {}

/** The records are in a state the request would damage; nothing is changed (the CLI exits with 1). */
export class WorkflowRefusal extends WorkflowError {}

export interface AdrFolderListing {
  /** Absolute path of the ADR folder. */
  folder: string;
  /** How the folder names its records: `NNNN-slug.md`, or log4brains' `YYYYMMDD-slug.md`. */
  idStyle: AdrIdStyle;
  /** The Markdown files directly in the folder (records, README) with their text. */
  files: ReadonlyArray<{ path: string; text: string }>;
  /** The team's `templates/template.md`, when the folder has one. */
  teamTemplate?: string | undefined;
}

export interface AdrRequest {
  title: string;
  /** `YYYY-MM-DD`, today. */
  date: string;
  /** Defaults to the team template when the folder has one, else the style of the folder's records, else MADR. */
  template?: AdrTemplateName | undefined;
}

export interface AdrCreation {
  changes: WorkspaceChange[];
  /** The new record. */
  path: string;
  /** Its number; undefined in a dated (log4brains) folder. */
  number: number | undefined;
  /** Where the editor should put the cursor: the Context section's text. */
  cursor: Position;
}

/** `2026-01-31` in UTC. */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A file-name slug: lower-case ASCII letters and digits joined by single
 * hyphens, at most 50 characters, cut at a word boundary. Nothing else
 * survives, so a title like `../../etc` cannot leave the ADR folder.
 */
export function slugify(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    const lastHyphen = slug.lastIndexOf('-');
    if (lastHyphen > 0) slug = slug.slice(0, lastHyphen);
    slug = slug.replace(/-+$/, '');
  }
  return slug || 'decision';
}

export function padNumber(number: number): string {
  return String(number).padStart(4, '0');
}

/** One past the highest number in use; gaps are kept, never filled. */
export function nextAdrNumber(fileNames: Iterable<string>): number {
  let highest = 0;
  for (const name of fileNames) {
    const match = /^(\d+)-.*\.md$/i.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

function cleanTitle(title: string): string {
  const cleaned = title.replace(/\s+/g, ' ').trim();
  if (!cleaned) throw new WorkflowError('The ADR title is empty; give the decision a short title, e.g. "Use PostgreSQL for billing".');
  return cleaned;
}

/**
 * A MADR record. `front-matter` (MADR 3/4) keeps status and date in YAML
 * front matter; `list` (MADR 2, log4brains) in a list under the title.
 */
export function madrTemplate(title: string, date: string, metadata: 'front-matter' | 'list' = 'front-matter'): string {
  const head = metadata === 'list' ? `# ${title}\n\n* Status: proposed\n* Date: ${date}\n` : `---\nstatus: proposed\ndate: ${date}\n---\n\n# ${title}\n`;
  return `${head}
## Context and Problem Statement

Describe the situation that calls for a decision, and the question to answer.

## Considered Options

* First option
* Second option

## Decision Outcome

Chosen option: "First option", because it answers the question best (see below).

### Consequences

* Good, because …
* Bad, because …
`;
}

export function nygardTemplate(number: number | string, title: string, date: string): string {
  return `# ${number}. ${title}

Date: ${date}

## Status

Proposed

## Context

Describe the forces at play: the problem, the constraints and what is known.

## Decision

State the decision in full sentences, in the active voice: "We will …".

## Consequences

Describe what follows from the decision: what gets easier, what gets harder.
`;
}

/** Fills the team template the way adr-tools does: NUMBER, TITLE, DATE and STATUS are replaced. */
export function teamTemplate(template: string, number: number | string, title: string, date: string): string {
  const values: Record<string, string> = { NUMBER: String(number), TITLE: title, DATE: date, STATUS: 'Proposed' };
  return template.replace(/\b(NUMBER|TITLE|DATE|STATUS)\b/g, (token) => values[token]!);
}

/** The line after the Context heading where the writing starts. */
export function contextPosition(text: string): Position {
  const lines = text.split(/\r?\n/);
  const heading = lines.findIndex((line) => /^#{2,3}\s+Context\b/i.test(line));
  if (heading < 0) return { line: 0, character: 0 };
  let line = heading + 1;
  while (line < lines.length && lines[line]!.trim() === '') line++;
  return { line: Math.min(line, lines.length - 1), character: 0 };
}

type ChosenTemplate = { template: 'nygard' } | { template: 'madr'; metadata: 'front-matter' | 'list' } | { template: 'team' };

/**
 * The template a new record follows when none is asked for: the team's
 * `templates/template.md`, else the style most of the folder's records
 * follow (the newest decides a tie), else MADR (in log4brains' list form in
 * a dated folder).
 */
export function defaultTemplate(listing: AdrFolderListing): ChosenTemplate {
  if (listing.teamTemplate !== undefined) return { template: 'team' };
  const records = recordsOf(listing)
    .map((r) => r.record)
    .filter((r) => r.style !== 'unknown');
  const nygard = records.filter((r) => r.style === 'nygard').length;
  const madr = records.filter((r) => r.style === 'madr');
  const newest = records[records.length - 1];
  if (nygard > madr.length || (nygard > 0 && nygard === madr.length && newest?.style === 'nygard')) return { template: 'nygard' };
  const listForm = madr.filter((r) => r.metadata === 'list').length;
  const frontMatter = madr.filter((r) => r.metadata === 'front-matter').length;
  const dated = listing.idStyle === 'date';
  return { template: 'madr', metadata: listForm > frontMatter || (listForm === frontMatter && dated) ? 'list' : 'front-matter' };
}

function renderRecord(listing: AdrFolderListing, request: AdrRequest, number: number | undefined, title: string): string {
  const chosen: ChosenTemplate =
    request.template === 'nygard'
      ? { template: 'nygard' }
      : request.template === 'madr'
        ? { template: 'madr', metadata: 'front-matter' }
        : defaultTemplate(listing);
  // A dated record has no number; its date stands in for it where a template shows one.
  const label = number === undefined ? request.date : String(number);
  if (chosen.template === 'nygard') return nygardTemplate(label, title, request.date);
  if (chosen.template === 'madr') return madrTemplate(title, request.date, chosen.metadata);
  return teamTemplate(listing.teamTemplate!, label, title, request.date);
}

function recordsOf(listing: AdrFolderListing): Array<{ path: string; text: string; record: AdrRecord }> {
  return listing.files
    .filter((file) => isAdrFile(file.path, listing.folder))
    .map((file) => ({ ...file, record: readAdrDocument(file.path, file.text) }))
    .sort((a, b) => (a.record.number ?? Infinity) - (b.record.number ?? Infinity) || a.path.localeCompare(b.path));
}

/**
 * A new record with the next number (`number` may be given to retry after a
 * collision), or named by today's date in a dated (log4brains) folder, where
 * an existing record of the same day and title is refused.
 */
export function newAdr(listing: AdrFolderListing, request: AdrRequest, number = nextAdrNumber(listing.files.map((f) => path.basename(f.path)))): AdrCreation {
  const title = cleanTitle(request.title);
  const id = listing.idStyle === 'date' ? undefined : number;
  const name = id === undefined ? `${request.date.replace(/-/g, '')}-${slugify(title)}.md` : `${padNumber(id)}-${slugify(title)}.md`;
  const target = path.join(listing.folder, name);
  if (listing.files.some((file) => file.path === target)) throw new WorkflowRefusal(`${name} already exists; give the decision another title.`);
  const content = renderRecord(listing, request, id, title);
  return { changes: [{ kind: 'create', path: target, content }], path: target, number: id, cursor: contextPosition(content) };
}

/** How a record is named on the command line: its number, or the file name (without `.md`) in a dated folder. */
export type AdrReference = number | string;

function describeReference(reference: AdrReference): string {
  return typeof reference === 'number' ? `ADR number ${padNumber(reference)}` : `ADR ${reference}`;
}

/** The record a reference names; an unknown or ambiguous reference is the user's error. */
export function findRecord(listing: AdrFolderListing, reference: AdrReference): { path: string; text: string; record: AdrRecord } {
  if (typeof reference === 'string' && listing.idStyle === 'number') {
    throw new WorkflowError(`give the number of the record to supersede, not "${reference}"; the records in ${path.basename(listing.folder)} are numbered.`);
  }
  const matches = recordsOf(listing).filter((r) =>
    typeof reference === 'number' ? r.record.number === reference : r.record.fileName.replace(/\.md$/i, '') === reference.replace(/\.md$/i, ''),
  );
  const folder = path.basename(listing.folder);
  if (matches.length === 0) throw new WorkflowError(`There is no ${describeReference(reference)} in ${folder}.`);
  if (matches.length > 1) {
    throw new WorkflowError(`${describeReference(reference)} is used by ${matches.map((m) => path.basename(m.path)).join(' and ')}; renumber one first.`);
  }
  return matches[0]!;
}

/**
 * Refuses to supersede a record that is already superseded: replacing its
 * "Superseded by" would silently cut the chain to the successor it names.
 */
function assertNotSuperseded(old: { path: string; record: AdrRecord }): void {
  const successors = old.record.links.filter((link) => link.kind === 'superseded-by').map((link) => path.basename(link.target.split('#')[0]!));
  const status = old.record.status?.value ?? '';
  if (successors.length === 0 && !/^superseded\b/i.test(status)) return;
  if (successors.length === 0) {
    throw new WorkflowRefusal(
      `${old.record.fileName} already has the status "${status}"; supersede the record that replaced it instead, or change its status first. Nothing was changed.`,
    );
  }
  const next = successors.length === 1 ? successors[0] : `the newest of them`;
  throw new WorkflowRefusal(
    `${old.record.fileName} is already superseded by ${successors.join(' and ')}; supersede ${next} instead, or remove the "Superseded by" link first. Nothing was changed.`,
  );
}

/**
 * A new record that supersedes the referenced one, and the old record's
 * status set to "Superseded by" the new one, as one set of changes. A record
 * that is already superseded is refused (WorkflowRefusal), never relinked.
 */
export function supersedeAdr(listing: AdrFolderListing, reference: AdrReference, request: AdrRequest, number?: number): AdrCreation {
  const old = findRecord(listing, reference);
  assertNotSuperseded(old);
  const created = newAdr(listing, request, number);
  const create = created.changes[0] as Extract<WorkspaceChange, { kind: 'create' }>;
  const newDocument = new SourceDocument(created.path, create.content);
  const newRecord = readAdrDocument(created.path, create.content);
  const content = applyEdits(create.content, [addSupersedesEdit(newDocument, newRecord, recordLink(old.record, created.path, old.path))]);
  const oldDocument = new SourceDocument(old.path, old.text);
  const supersededBy = markSupersededEdit(oldDocument, old.record, recordLink({ ...newRecord, number: created.number }, old.path, created.path));
  return {
    ...created,
    changes: [
      { kind: 'create', path: created.path, content },
      { kind: 'edit', path: old.path, edits: [supersededBy] },
    ],
    cursor: contextPosition(content),
  };
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function indexTable(listing: AdrFolderListing, eol: string): string {
  const rows = recordsOf(listing).map(({ path: recordPath, record }) => {
    const number = record.number !== undefined ? padNumber(record.number) : '';
    const title = `[${tableCell(record.title || record.fileName).replace(/[[\]]/g, '')}](${encodeURI(path.basename(recordPath))})`;
    const status = tableCell(record.status?.value ?? '');
    return `| ${number} | ${title} | ${status.charAt(0).toUpperCase() + status.slice(1)} | ${tableCell(record.date?.value ?? '')} |`;
  });
  return [INDEX_START, '| No. | Title | Status | Date |', '| --- | --- | --- | --- |', ...rows, INDEX_END].join(eol);
}

export interface IndexUpdate {
  /** Empty when the index is already current. */
  changes: WorkspaceChange[];
  path: string;
  cursor: Position;
}

/**
 * Writes the table of records into the folder's README.md between marker
 * comments; text outside the markers is kept, and an up-to-date index is
 * left alone, so running it twice changes nothing.
 */
export function generateAdrIndex(listing: AdrFolderListing): IndexUpdate {
  const readmePath = path.join(listing.folder, INDEX_FILE_NAME);
  const existing = listing.files.find((f) => f.path === readmePath)?.text;
  if (existing === undefined) {
    const content = `# Architecture Decision Records\n\n${indexTable(listing, '\n')}\n`;
    return { changes: [{ kind: 'create', path: readmePath, content }], path: readmePath, cursor: { line: 2, character: 0 } };
  }
  const document = new SourceDocument(readmePath, existing);
  const table = indexTable(listing, document.eol);
  const start = existing.indexOf(INDEX_START);
  const end = start < 0 ? -1 : existing.indexOf(INDEX_END, start);
  const range = end < 0 ? document.rangeOf(existing.length, existing.length) : document.rangeOf(start, end + INDEX_END.length);
  const newText =
    end >= 0 ? table : (existing.length && !existing.endsWith('\n') ? document.eol : '') + (existing.trim() ? document.eol : '') + table + document.eol;
  const cursor = range.start;
  if (end >= 0 && existing.slice(start, end + INDEX_END.length) === table) return { changes: [], path: readmePath, cursor };
  return { changes: [{ kind: 'edit', path: readmePath, edits: [{ range, newText }] }], path: readmePath, cursor };
}
