/**
 * CHANGELOG.md workflows shared by the CLI and the editor commands: the
 * Keep a Changelog template and adding an entry under `## [Unreleased]`.
 * Pure functions: the clock and the author are passed in.
 */
import { applyEdits } from '../engine/edits';
import { SourceDocument } from '../engine/sourceDocument';
import type { Position, TextEdit } from '../engine/types';
import { parseMarkdown } from '../languages/markdown';
import { endOf, readChangelog, SECTION_NAMES, startOf, type ChangelogRelease, type SectionName } from '../languages/keepAChangelog';

export { SECTION_NAMES, type SectionName };

export function changelogTemplate(eol: '\n' | '\r\n' | '\r' = '\n'): string {
  return [
    '# Changelog',
    '',
    'All notable changes to this project will be documented in this file.',
    '',
    'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),',
    'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).',
    '',
    '## [Unreleased]',
    '',
  ].join(eol);
}

/** `2026-01-31T14:05Z`: UTC, minutes precision, as the policy's changelog template has it. */
export function utcTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 16)}Z`;
}

export function isSectionName(value: string): value is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(value);
}

/** The section name in its canonical spelling, whatever the case the user typed. */
export function canonicalSection(value: string): SectionName | undefined {
  return SECTION_NAMES.find((name) => name.toLowerCase() === value.trim().toLowerCase());
}

export interface EntryRequest {
  section: SectionName;
  text: string;
  now: Date;
  /** From `git config user.name`, when known. */
  author?: string | undefined;
}

export interface EntryInsertion {
  edit: TextEdit;
  /** Where the new entry's text starts after the edit, for the editor's cursor. */
  position: Position;
  text: string;
}

export function entryLine(request: EntryRequest): string {
  const text = request.text.replace(/\s+/g, ' ').trim();
  const stamp = utcTimestamp(request.now) + (request.author?.trim() ? `, ${request.author.trim()}` : '');
  return `- ${text} (${stamp})`;
}

/** Offset just past the last non-blank line in `[from, to)`. */
function endOfLastContent(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function insertion(document: SourceDocument, offset: number, newText: string, entryIndex: number): EntryInsertion {
  const edit = { range: document.rangeOf(offset, offset), newText };
  const text = applyEdits(document.text, [edit]);
  const position = new SourceDocument(document.path, text).positionAt(offset + entryIndex + 2);
  return { edit, position, text };
}

function insertIntoUnreleased(document: SourceDocument, unreleased: ChangelogRelease, section: SectionName, line: string): EntryInsertion {
  const eol = document.eol;
  const text = document.text;
  const existing = unreleased.sections.find((s) => s.canonical === section);
  if (existing) {
    const at = endOfLastContent(text, startOf(existing.heading), existing.end);
    const gap = existing.empty ? eol + eol : eol;
    return insertion(document, at, gap + line, gap.length);
  }
  const order = SECTION_NAMES.indexOf(section);
  const later = unreleased.sections.find((s) => s.canonical !== undefined && SECTION_NAMES.indexOf(s.canonical) > order);
  if (later) {
    const at = startOf(later.heading);
    const block = `### ${section}${eol}${eol}`;
    return insertion(document, at, block + line + eol + eol, block.length);
  }
  const at = endOfLastContent(text, startOf(unreleased.heading), unreleased.end);
  const lead = `${eol}${eol}### ${section}${eol}${eol}`;
  return insertion(document, at, lead + line + (at === text.length ? eol : ''), lead.length);
}

/**
 * Adds an entry under `## [Unreleased]`, in the named section; a missing
 * section is created in Keep a Changelog's order, a missing Unreleased
 * heading above the newest release.
 */
export function addChangelogEntry(document: SourceDocument, request: EntryRequest): EntryInsertion {
  const line = entryLine(request);
  const changelog = readChangelog(document, parseMarkdown(document));
  const unreleased = changelog.releases.find((r) => r.isUnreleased);
  if (unreleased) return insertIntoUnreleased(document, unreleased, request.section, line);
  const eol = document.eol;
  const block = `## [Unreleased]${eol}${eol}### ${request.section}${eol}${eol}`;
  const newest = changelog.releases[0];
  if (newest) return insertion(document, startOf(newest.heading), block + line + eol + eol, block.length);
  const title = changelog.titles[0];
  const at = title ? endOf(title) : endOfLastContent(document.text, 0, document.text.length);
  const lead = at === 0 ? '' : eol + eol;
  return insertion(document, at, lead + block + line + (at === document.text.length ? eol : ''), lead.length + block.length);
}
