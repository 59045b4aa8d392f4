/**
 * What a Keep a Changelog 1.1.0 file is made of, read from the Markdown tree:
 * the title, the releases (`## [1.2.0] - 2026-01-31`), their change-type
 * sections and the link reference definitions. Shared by PL401 and the
 * "Add CHANGELOG Entry" workflow, so both agree on where things are.
 */
import type { Definition, Heading, RootContent } from 'mdast';
import type { MarkdownModel } from './markdown';
import type { SourceDocument } from '../engine/sourceDocument';

/** The change types of Keep a Changelog, in its canonical order. */
export const SECTION_NAMES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

export interface ChangelogSection {
  heading: Heading;
  name: TextSpan;
  /** The canonical name when the heading is one of them in another letter case. */
  canonical: SectionName | undefined;
  /** Offset just past the section's content (where the next heading or definition begins). */
  end: number;
  empty: boolean;
}

export interface ChangelogRelease {
  heading: Heading;
  /** `Unreleased` or the version, without brackets. */
  label: TextSpan;
  /** Written `[1.2.0]`, a link reference; a version linked inline (`[1.2.0](url)`) carries its own URL and is not. */
  bracketed: boolean;
  /**
   * Written as an H1 (`# [1.3.0](url) (2026-01-31)`), as conventional-changelog
   * writes minor and major releases; Keep a Changelog wants `##`.
   */
  isH1: boolean;
  isUnreleased: boolean;
  /** The release date as written, when the heading has one. */
  date: TextSpan | undefined;
  /** Text after the version that is neither a date nor `[YANKED]`. */
  unrecognized: TextSpan | undefined;
  yanked: boolean;
  sections: ChangelogSection[];
  /** Offset just past the release's content. */
  end: number;
}

export interface LinkDefinition {
  node: Definition;
  /** Normalised label, as CommonMark matches references. */
  identifier: string;
}

export interface Changelog {
  titles: Heading[];
  releases: ChangelogRelease[];
  /**
   * Lines meant as headings that CommonMark reads as text, for want of a
   * space after the `#` signs (`##[1.2.0]`, `###Fixed`): the `#` signs.
   */
  unspacedHeadings: TextSpan[];
  definitions: LinkDefinition[];
  /** Identifiers used by `[text][label]` and `[label]` references in the body. */
  referencedIdentifiers: Set<string>;
}

export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** The heading's text span on its first line, without the `#` markers or a setext underline. */
export function headingContent(document: SourceDocument, heading: Heading): TextSpan {
  const start = startOf(heading);
  const firstLineEnd = document.text.slice(start, endOf(heading)).search(/\r?\n/);
  const raw = document.text.slice(start, firstLineEnd < 0 ? endOf(heading) : start + firstLineEnd);
  const leading = /^ {0,3}(?:#{1,6}[ \t]+|#{1,6}$)?/.exec(raw)![0].length;
  const body = raw.slice(leading).replace(/[ \t]+#+[ \t]*$|[ \t]+$/, '');
  return { text: body, start: start + leading, end: start + leading + body.length };
}

function span(text: string, base: number, from: number, to: number): TextSpan {
  return { text: text.slice(from, to), start: base + from, end: base + to };
}

/** `[1.2.0]`, `[1.2.0](https://…/compare/v1.1.0...v1.2.0)` or `1.2.0`, then the rest of the heading. */
const RELEASE_HEADING = /^(?:\[([^\]]+)\](\([^)\s]*\))?|([^\s[\]]+))(.*)$/;
/** `paperless-ngx 3.0.5`: a product's name before the version, as some projects title their releases. */
const NAMED_RELEASE = /^[A-Za-z][\w.-]*[ \t]+(?=v?\d+\.\d)/;
/** A date written "Unreleased" (`## [1.3.0] - Unreleased`, `# 3.24.0 [Unreleased]`): the section collecting the next release's changes. */
const UNRELEASED_DATE = /^(?:unreleased|\[unreleased\]|\(unreleased\))$/i;

function readReleaseHeading(heading: TextSpan): Pick<ChangelogRelease, 'label' | 'bracketed' | 'date' | 'unrecognized' | 'yanked'> {
  const name = NAMED_RELEASE.exec(heading.text)?.[0].length ?? 0;
  const content = name === 0 ? heading : span(heading.text, heading.start, name, heading.text.length);
  const match = RELEASE_HEADING.exec(content.text);
  if (!match) {
    return { label: content, bracketed: false, date: undefined, unrecognized: undefined, yanked: false };
  }
  const labelText = (match[1] ?? match[3])!;
  const labelFrom = match[1] !== undefined ? 1 : 0;
  const bracketed = match[1] !== undefined && match[2] === undefined;
  const label = span(content.text, content.start, labelFrom, labelFrom + labelText.length);
  let rest = match[4]!;
  let restFrom = match[0].length - rest.length;
  let yanked = false;
  const yankedMatch = /[ \t]*\[YANKED\][ \t]*$/i.exec(rest);
  if (yankedMatch) {
    yanked = true;
    rest = rest.slice(0, yankedMatch.index);
  }
  const lead = /^[ \t]*/.exec(rest)![0].length;
  restFrom += lead;
  rest = rest.slice(lead).trimEnd();
  if (rest === '') return { label, bracketed, date: undefined, unrecognized: undefined, yanked };
  const dated = /^[-–—][ \t]*(\S+)$/.exec(rest) ?? /^\((\S+)\)$/.exec(rest);
  if (dated) {
    const dateFrom = restFrom + rest.indexOf(dated[1]!);
    return { label, bracketed, date: span(content.text, content.start, dateFrom, dateFrom + dated[1]!.length), unrecognized: undefined, yanked };
  }
  return { label, bracketed, date: undefined, unrecognized: span(content.text, content.start, restFrom, restFrom + rest.length), yanked };
}

function canonicalSection(name: string): SectionName | undefined {
  return SECTION_NAMES.find((s) => s.toLowerCase() === name.toLowerCase());
}

/** What a release or a section heading starts with, when CommonMark reads the line as text: `##[1.2.0]`, `###Fixed`. */
const UNSPACED_HEADING = new RegExp(`^ {0,3}(#{2,6})(?=\\[|v?\\d|unreleased\\b|(?:${SECTION_NAMES.join('|')})\\b)`, 'i');

/**
 * Whether an `###` heading is a release written one level too deep: it reads
 * as a version or a date, and the next heading is an `###` change type, so
 * the author wrote a release and its sections at one level. A `### 2.0.1`
 * under a `## 2.0` with `####` sections is a grouping of its own.
 */
function isReleaseAsSection(document: SourceDocument, children: readonly RootContent[], index: number, heading: TextSpan): boolean {
  const label = readReleaseHeading(heading).label.text;
  if (!parseSemver(label) && !/^\d{4}-\d{2}-\d{2}$/.test(label)) return false;
  let next = index + 1;
  while (next < children.length && children[next]!.type !== 'heading') next++;
  const following = children[next];
  return following?.type === 'heading' && following.depth === 3 && canonicalSection(headingContent(document, following).text) !== undefined;
}

function isBoundary(node: RootContent, depth: number): boolean {
  return (node.type === 'heading' && node.depth <= depth) || node.type === 'definition';
}

/** Offset where the content after `children[index]` ends: the next boundary node, or the end of the text. */
function contentEnd(children: readonly RootContent[], index: number, depth: number, textLength: number): number {
  for (let i = index + 1; i < children.length; i++) {
    if (isBoundary(children[i]!, depth)) return startOf(children[i]!);
  }
  return textLength;
}

function collectReferences(nodes: readonly RootContent[], into: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'linkReference' || node.type === 'imageReference') into.add(normaliseLabel(node.label ?? node.identifier));
    if ('children' in node) collectReferences(node.children as RootContent[], into);
  }
}

export function readChangelog(document: SourceDocument, model: MarkdownModel): Changelog {
  const children = model.root.children;
  const changelog: Changelog = { titles: [], releases: [], unspacedHeadings: [], definitions: [], referencedIdentifiers: new Set() };
  let release: ChangelogRelease | undefined;
  children.forEach((node, index) => {
    if (node.type === 'definition') {
      changelog.definitions.push({ node, identifier: normaliseLabel(node.label ?? node.identifier) });
      return;
    }
    if (node.type === 'paragraph') {
      const start = startOf(node);
      const line = document.text.slice(start, start + 40);
      const unspaced = UNSPACED_HEADING.exec(line);
      if (unspaced) changelog.unspacedHeadings.push(span(line, start, unspaced[0].length - unspaced[1]!.length, unspaced[0].length));
      return;
    }
    if (node.type !== 'heading') return;
    const content = node.depth <= 3 ? headingContent(document, node) : undefined;
    // A change type written `##` inside a release, and a release written `###` beside its change types, keep their roles.
    const sectionAsRelease = node.depth === 2 && release !== undefined && canonicalSection(content!.text) !== undefined;
    const releaseAsSection = node.depth === 3 && isReleaseAsSection(document, children, index, content!);
    const releaseHeading = (node.depth <= 2 && !sectionAsRelease) || releaseAsSection ? readReleaseHeading(content!) : undefined;
    const isH1Release = node.depth === 1 && changelog.titles.length > 0 && parseSemver(releaseHeading!.label.text) !== undefined;
    if (node.depth === 1 && !isH1Release) {
      changelog.titles.push(node);
      release = undefined;
    } else if (releaseHeading) {
      release = {
        heading: node,
        ...releaseHeading,
        isH1: isH1Release,
        isUnreleased:
          releaseHeading.label.text.toLowerCase() === 'unreleased' || UNRELEASED_DATE.test((releaseHeading.date ?? releaseHeading.unrecognized)?.text ?? ''),
        sections: [],
        end: document.text.length,
      };
      changelog.releases.push(release);
    } else if ((node.depth === 3 || sectionAsRelease) && release) {
      const end = contentEnd(children, index, 3, document.text.length);
      const next = children[index + 1];
      release.sections.push({
        heading: node,
        name: content!,
        canonical: canonicalSection(content!.text),
        end,
        empty: next === undefined || isBoundary(next, 3),
      });
    }
  });
  // A release ends where the next release, title or link definition begins: not at a change type written `##`.
  const boundaries = [...changelog.titles, ...changelog.releases.map((r) => r.heading), ...changelog.definitions.map((d) => d.node)]
    .map(startOf)
    .sort((a, b) => a - b);
  let next = 0;
  for (const each of changelog.releases) {
    while (next < boundaries.length && boundaries[next]! <= startOf(each.heading)) next++;
    each.end = boundaries[next] ?? document.text.length;
  }
  collectReferences(children, changelog.referencedIdentifiers);
  return changelog;
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * A Python package's pre-release as PEP 440 writes it (`1.2.0rc1`, `1.2.0b2`,
 * `1.2.0a3`, `1.2.0.dev2`): PyPI normalises SemVer's `1.2.0-rc.1` to that
 * form, so a Python project's changelog cannot use SemVer's.
 */
const PEP440_PRERELEASE = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:(a|b|rc)(0|[1-9]\d*)|\.dev(0|[1-9]\d*))$/;

/**
 * A version as SemVer, or a PEP 440 pre-release as the SemVer pre-release
 * that orders the same: `a` < `b` < `rc`, and a development release below
 * them all (a numeric identifier, `0`, sorts below any word).
 */
export function parseSemver(text: string): SemVer | undefined {
  const match = SEMVER.exec(text);
  if (match) return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4] ? match[4].split('.') : [] };
  const python = PEP440_PRERELEASE.exec(text);
  if (!python) return undefined;
  const prerelease = python[6] === undefined ? [python[4]!, python[5]!] : ['0', 'dev', python[6]];
  return { major: Number(python[1]), minor: Number(python[2]), patch: Number(python[3]), prerelease };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Number(a) - Number(b);
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer 2.0.0 precedence: negative when `a` is older than `b`; build metadata is ignored. */
export function compareSemver(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CHANGELOG_FILE_NAME = 'CHANGELOG.md';

/** Whether a file is a changelog that PL401 judges. */
export function isChangelogPath(relativePath: string): boolean {
  return /(?:^|\/)CHANGELOG\.md$/i.test(relativePath);
}
