import type { Heading } from 'mdast';
import { defineRule } from '../../engine/rule';
import { applyEdits } from '../../engine/edits';
import { SourceDocument } from '../../engine/sourceDocument';
import type { Fix, Range, TextEdit } from '../../engine/types';
import { parseMarkdown } from '../../languages/markdown';
import {
  compareSemver,
  endOf,
  isCalendarDate,
  isChangelogPath,
  parseSemver,
  readChangelog,
  SECTION_NAMES,
  startOf,
  type Changelog,
  type ChangelogRelease,
  type SemVer,
  type TextSpan,
} from '../../languages/keepAChangelog';

/** A date-time such as `2026-01-31T14:05Z` or `2026-01-31 14:05+02:00` inside an entry. */
const TIMESTAMP = /\b(\d{4}-\d{2}-\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?![\w:])/g;

/** How the checks below report a finding, with its fixes. */
type ReportFinding = (message: string, range: Range, fixes?: Fix[]) => void;

function spanRange(document: SourceDocument, span: TextSpan): Range {
  return document.rangeOf(span.start, span.end);
}

function headingRange(document: SourceDocument, heading: Heading): Range {
  const start = startOf(heading);
  const line = document.positionAt(start).line;
  return { start: document.positionAt(start), end: { line, character: document.lineText(line).length } };
}

function releaseName(release: ChangelogRelease): string {
  return release.isUnreleased ? 'Unreleased' : release.label.text;
}

/** The value a release's link URL carries: its version, or HEAD for Unreleased. */
function urlToken(release: ChangelogRelease): string {
  return release.isUnreleased ? 'HEAD' : release.label.text;
}

/**
 * The URL of a missing link reference, from the pattern the other references
 * show (`compare/v1.0.0...v1.1.0`): a definition whose URL holds its own and
 * the next older release's token is a template for every other pair. A tag
 * prefix such as `v` is carried over, also to and from `HEAD`.
 */
function inferredUrl(changelog: Changelog, targetIndex: number): string | undefined {
  const { releases } = changelog;
  const older = releases[targetIndex + 1];
  if (!older) return undefined;
  const target = releases[targetIndex]!;
  for (let i = 0; i + 1 < releases.length; i++) {
    const definition = changelog.definitions.find((d) => d.identifier === releases[i]!.label.text.toLowerCase());
    if (!definition) continue;
    const url = definition.node.url;
    const current = urlToken(releases[i]!);
    const previous = urlToken(releases[i + 1]!);
    const currentAt = url.lastIndexOf(current);
    const previousAt = currentAt < 0 ? -1 : url.lastIndexOf(previous, currentAt - previous.length);
    if (previousAt < 0) continue;
    const prefix = /[A-Za-z_-]*$/.exec(url.slice(0, previousAt))![0];
    const currentStart = releases[i]!.isUnreleased ? currentAt : currentAt - prefix.length;
    if (url.slice(currentStart, currentAt) !== (releases[i]!.isUnreleased ? '' : prefix)) continue;
    return (
      url.slice(0, previousAt - prefix.length) +
      prefix +
      urlToken(older) +
      url.slice(previousAt + previous.length, currentStart) +
      (target.isUnreleased ? 'HEAD' : prefix + target.label.text) +
      url.slice(currentAt + current.length)
    );
  }
  return undefined;
}

/** Whether every `(` in a link destination is closed in order, as CommonMark requires of one without `<>`. */
function balancedParentheses(url: string): boolean {
  let open = 0;
  for (const character of url) {
    if (character === '(') open++;
    else if (character === ')' && --open < 0) return false;
  }
  return open === 0;
}

/** Whether a text holds an ASCII control character (U+0000–U+001F, U+007F), as CommonMark defines them. */
function hasAsciiControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** CommonMark's limit on a link label, in UTF-16 code units as the parser counts them: a longer one is text. */
const MAX_LINK_LABEL_LENGTH = 999;

function addDefinitionFix(document: SourceDocument, changelog: Changelog, targetIndex: number): Fix | undefined {
  const url = inferredUrl(changelog, targetIndex);
  if (!url) return undefined;
  const release = changelog.releases[targetIndex]!;
  // Brackets, unusual whitespace or more than 999 characters in a label, or a blank, an ASCII control character
  // (which CommonMark forbids in a destination) or unbalanced parentheses in the URL (from a label such as
  // `1.5((.0`), keep the added line from being the label's definition: it would stay, and be added again on
  // every pass.
  const label = release.label.text;
  if (
    label.length > MAX_LINK_LABEL_LENGTH ||
    /[[\]]|[^\S ]/.test(label) ||
    label !== label.trim().replace(/ +/g, ' ') ||
    /[\s<>]/.test(url) ||
    hasAsciiControl(url) ||
    !balancedParentheses(url)
  )
    return undefined;
  const olderIdentifiers = new Set(changelog.releases.slice(targetIndex + 1).map((r) => r.label.text.toLowerCase()));
  const before = changelog.definitions.find((d) => olderIdentifiers.has(d.identifier));
  const eol = document.eol;
  const line = `[${release.label.text}]: ${url}`;
  const last = changelog.definitions[changelog.definitions.length - 1]!;
  const edit = before
    ? { range: document.rangeOf(startOf(before.node), startOf(before.node)), newText: line + eol }
    : { range: document.rangeOf(endOf(last.node), endOf(last.node)), newText: eol + line };
  return { title: `Add the link reference [${release.label.text}]`, edits: [edit], isPreferred: true };
}

/**
 * Whether the fixed text has its Unreleased section: not when the heading
 * lands in a code block the file leaves open, or in text the parser does
 * not read as a heading. A fix that leaves its diagnostic is never offered.
 */
function addsUnreleased(document: SourceDocument, edit: TextEdit): boolean {
  const fixed = new SourceDocument(document.path, applyEdits(document.text, [edit]));
  return readChangelog(fixed, parseMarkdown(fixed)).releases.some((release) => release.isUnreleased);
}

function addUnreleasedFix(document: SourceDocument, changelog: Changelog): Fix | undefined {
  const eol = document.eol;
  const first = changelog.releases[0];
  const bracketed = first ? first.bracketed : true;
  const heading = bracketed ? '## [Unreleased]' : '## Unreleased';
  const title = changelog.titles[0];
  let edit;
  if (first) {
    const at = startOf(first.heading);
    edit = { range: document.rangeOf(at, at), newText: heading + eol + eol };
  } else {
    const at = title ? endOf(title) : document.text.length;
    const lead = at === 0 ? '' : at === document.text.length && !title && document.text.endsWith('\n') ? eol : eol + eol;
    edit = { range: document.rangeOf(at, at), newText: lead + heading + (title ? '' : eol) };
  }
  if (!addsUnreleased(document, edit)) return undefined;
  return { title: 'Add the "## [Unreleased]" section', edits: [edit], isPreferred: true };
}

/** At least this many releases or sections before a majority of misses means another convention rather than slips. */
const CONVENTION_SAMPLE = 3;
const LISTED_SECTION_NAMES = 4;

/**
 * How a changelog systematically departs from Keep a Changelog, when it
 * does: most releases undated, or most sections outside the six change
 * types (a release tool's "New Features ✨"/"Bug Fixes 🐛", for instance).
 * Such a file follows another convention; saying so once is one finding
 * for one problem, where every heading would be hundreds.
 */
function otherConvention(changelog: Changelog): string | undefined {
  const released = changelog.releases.filter((r) => !r.isUnreleased);
  const undated = released.filter((r) => !r.date && !r.unrecognized).length;
  const otherDates = released.filter((r) => r.unrecognized);
  const otherVersions = released.filter((r) => !parseSemver(r.label.text));
  // Section names follow the convention in the Unreleased section too (a file may have nothing else yet).
  const sections = changelog.releases.flatMap((r) => r.sections);
  const unknown = sections.filter((s) => !s.canonical);
  const h1Releases = released.filter((r) => r.isH1).length;
  const mostly = (count: number, of: number) => of >= CONVENTION_SAMPLE && count * 2 > of;
  const mostlyReleases = (count: number) => mostly(count, released.length);
  if (!mostlyReleases(undated) && !mostlyReleases(otherDates.length) && !mostlyReleases(otherVersions.length) && !mostly(unknown.length, sections.length))
    return undefined;
  const names = [...new Set(unknown.map((s) => s.name.text))];
  const listed =
    names
      .slice(0, LISTED_SECTION_NAMES)
      .map((name) => `"${name}"`)
      .join(', ') + (names.length > LISTED_SECTION_NAMES ? ', …' : '');
  const parts = [
    ...(undated > 0 ? [`${undated} of ${released.length} releases have no date`] : []),
    ...(otherDates.length > 0
      ? [`${otherDates.length} of ${released.length} dates are not written " - YYYY-MM-DD" ("${otherDates[0]!.unrecognized!.text}")`]
      : []),
    ...(otherVersions.length > 0 ? [`${otherVersions.length} of ${released.length} versions are not SemVer ("${otherVersions[0]!.label.text}")`] : []),
    ...(unknown.length > 0 ? [`${unknown.length} of ${sections.length} sections are not one of ${SECTION_NAMES.join('/')} (${listed})`] : []),
    ...(h1Releases > 0 ? [`${h1Releases} of ${released.length} releases are "#" headings`] : []),
    ...(changelog.releases.some((r) => r.isUnreleased) ? [] : ['there is no "## [Unreleased]" section']),
  ];
  return `This changelog follows another convention than Keep a Changelog: ${parts.join('; ')}. Reported once for the file: convert it to Keep a Changelog, or turn PL401 off for it when a release tool writes it.`;
}

function checkReleases(document: SourceDocument, changelog: Changelog, report: ReportFinding, conventionReported: boolean): void {
  const { releases } = changelog;
  const unreleased = releases.findIndex((r) => r.isUnreleased);
  if (unreleased < 0 && !conventionReported) {
    const anchor = releases[0]?.heading ?? changelog.titles[0];
    const range = anchor ? headingRange(document, anchor) : document.lineRange(0);
    const fix = addUnreleasedFix(document, changelog);
    report('The changelog has no "## [Unreleased]" section; add it above the newest release to collect upcoming changes.', range, fix && [fix]);
  } else if (unreleased > 0) {
    report(`"Unreleased" must be the first section, above ${releases[0]!.label.text}; move it to the top.`, spanRange(document, releases[unreleased]!.label));
  }

  const seen = new Map<string, ChangelogRelease>();
  let previous: { release: ChangelogRelease; version: SemVer } | undefined;
  for (const release of releases) {
    if (release.isUnreleased) continue;
    const label = release.label.text;
    const duplicateOf = seen.get(label.toLowerCase());
    if (duplicateOf) {
      const line = document.positionAt(startOf(duplicateOf.heading)).line + 1;
      report(`Version ${label} is listed twice (first on line ${line}); merge the two sections.`, spanRange(document, release.label));
      continue;
    }
    seen.set(label.toLowerCase(), release);
    const version = parseSemver(label);
    if (!version) {
      if (!conventionReported) report(`"${label}" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1).`, spanRange(document, release.label));
    } else if (previous && compareSemver(version, previous.version) >= 0) {
      report(`Version ${label} is listed below the older ${previous.release.label.text}; list versions newest first.`, spanRange(document, release.label));
    }
    if (version) previous = { release, version };

    if (release.unrecognized) {
      if (!conventionReported)
        report(`Write the release date as " - YYYY-MM-DD" after the version, not "${release.unrecognized.text}".`, spanRange(document, release.unrecognized));
    } else if (!release.date) {
      if (!conventionReported)
        report(`Version ${label} has no release date; write the heading as "## [${label}] - YYYY-MM-DD".`, spanRange(document, release.label));
    } else if (!isCalendarDate(release.date.text)) {
      report(`Release date "${release.date.text}" is not a valid YYYY-MM-DD date.`, spanRange(document, release.date));
    }
  }
}

/** An unknown section's name without what changes from release to release (a linked version in parentheses): `poetry-core ([2.4.0](…))` is `poetry-core`. */
function sectionKind(name: string): string {
  return name
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
    .toLowerCase();
}

function checkSections(document: SourceDocument, changelog: Changelog, report: ReportFinding, conventionReported: boolean): void {
  // A team's own section ("Docs" in every release) is one finding, on its newest use, not one per release.
  const unknownUses = new Map<string, number>();
  for (const section of changelog.releases.flatMap((release) => release.sections)) {
    if (section.canonical) continue;
    const kind = sectionKind(section.name.text);
    unknownUses.set(kind, (unknownUses.get(kind) ?? 0) + 1);
  }
  const reportedKinds = new Set<string>();
  for (const release of changelog.releases) {
    for (const section of release.sections) {
      const range = spanRange(document, section.name);
      const kind = sectionKind(section.name.text);
      if (section.canonical && section.canonical !== section.name.text) {
        report(`Write the section name as "${section.canonical}".`, range, [
          { title: `Rename to "${section.canonical}"`, edits: [{ range, newText: section.canonical }], isPreferred: true },
        ]);
      } else if (!section.canonical && !conventionReported && !reportedKinds.has(kind)) {
        reportedKinds.add(kind);
        const others = unknownUses.get(kind)! - 1;
        const elsewhere = others === 0 ? '' : ` (and ${others} more ${others === 1 ? 'time' : 'times'} below)`;
        report(`Unknown section "${section.name.text}" under ${releaseName(release)}${elsewhere}; Keep a Changelog uses ${SECTION_NAMES.join(', ')}.`, range);
      }
      if (section.empty) {
        report(`The "${section.name.text}" section of ${releaseName(release)} is empty; add entries or remove the heading.`, range);
      }
    }
  }
}

/** A safe fix that rewrites a heading's `#` signs to another level. */
function relevelFix(document: SourceDocument, heading: Heading, marks: string, title: string): Fix {
  const start = startOf(heading);
  const signs = /^ {0,3}(#+)/.exec(document.text.slice(start, start + 10))!;
  const from = start + signs[0].length - signs[1]!.length;
  return { title, edits: [{ range: document.rangeOf(from, from + signs[1]!.length), newText: marks }], isPreferred: true };
}

/** Headings at another level than their role, and lines meant as headings that are text: what makes the other findings on a release odd. */
function checkHeadingLevels(document: SourceDocument, changelog: Changelog, report: ReportFinding): void {
  for (const marks of changelog.unspacedHeadings) {
    const range = spanRange(document, marks);
    report(`This line is text, not a heading: CommonMark needs a space after "${marks.text}".`, range, [
      { title: 'Add the space', edits: [{ range: { start: range.end, end: range.end }, newText: ' ' }], isPreferred: true },
    ]);
  }
  for (const release of changelog.releases) {
    if (release.heading.depth === 3) {
      const label = release.label.text;
      report(
        `Release ${label} is a "###" heading, the level of its change types; make it "##" so it is a release of its own.`,
        spanRange(document, release.label),
        [relevelFix(document, release.heading, '##', `Make ${label} a "##" heading`)],
      );
    }
    if (release.heading.depth !== 2) continue;
    for (const section of release.sections.filter((each) => each.heading.depth === 2)) {
      const name = section.name.text;
      report(`Section "${name}" of ${releaseName(release)} is a "##" heading, the level of a release; make it "###".`, spanRange(document, section.name), [
        relevelFix(document, section.heading, '###', `Make "${name}" a "###" heading`),
      ]);
    }
  }
}

function checkLinks(document: SourceDocument, changelog: Changelog, report: ReportFinding): void {
  const defined = new Set(changelog.definitions.map((d) => d.identifier));
  const used = new Set(changelog.referencedIdentifiers);
  changelog.releases.forEach((release, index) => {
    if (!release.bracketed) return;
    const identifier = release.label.text.toLowerCase();
    used.add(identifier);
    // Without any definitions the file does not use link references at all; brackets alone are a style.
    if (changelog.definitions.length === 0 || defined.has(identifier)) return;
    const fix = addDefinitionFix(document, changelog, index);
    report(
      `[${release.label.text}] has no link reference; add "[${release.label.text}]: <url>" at the bottom.`,
      spanRange(document, release.label),
      fix ? [fix] : undefined,
    );
  });
  for (const definition of changelog.definitions) {
    if (used.has(definition.identifier)) continue;
    const start = startOf(definition.node);
    const labelEnd = document.text.indexOf(']', start) + 1;
    report(`Link reference [${definition.node.label}] is not used; remove it or add the release it points to.`, document.rangeOf(start, labelEnd));
  }
}

function checkTimestamps(document: SourceDocument, changelog: Changelog, report: ReportFinding): void {
  const first = changelog.releases[0];
  if (!first) return;
  const end = changelog.releases[changelog.releases.length - 1]!.end;
  const body = document.text.slice(startOf(first.heading), end);
  const base = startOf(first.heading);
  for (const match of body.matchAll(TIMESTAMP)) {
    const [text, date, separator, hours, minutes, seconds, zone] = match;
    const validClock = Number(hours) < 24 && Number(minutes) < 60 && (seconds === undefined || Number(seconds) < 60);
    if (separator === 'T' && zone === 'Z' && validClock && isCalendarDate(date!)) continue;
    const at = base + match.index;
    report(`Timestamp "${text}" is not UTC ISO 8601; write it as YYYY-MM-DDTHH:MMZ (e.g. 2026-01-31T14:05Z).`, document.rangeOf(at, at + text.length));
  }
}

export const changelogFormat = defineRule({
  meta: {
    code: 'PL401',
    name: 'changelog/format',
    summary: 'A CHANGELOG.md that does not follow Keep a Changelog 1.1.0.',
    severity: 'warning',
    policy:
      'CHANGELOG.md follows Keep a Changelog 1.1.0: one H1 title, an Unreleased section on top, SemVer versions newest first with YYYY-MM-DD dates, only the six change types, no empty sections, link references that resolve and none unused, entry timestamps in UTC.',
    fixable: 'some',
    fixApplicability: 'safe',
    kinds: ['markdown'],
    docs: {
      language: 'markdown',
      exampleFile: 'CHANGELOG.md',
      rationale:
        'A changelog is read by people deciding whether to upgrade and by tools that cut releases. Both rely on its shape: the newest version first, one section per change type, real dates, and an Unreleased section where work in progress collects. A misspelt section, a version out of order or a dangling link reference is easy to miss in review and confusing to every reader after.',
      bad: `# Changelog

## [1.1.0] - 2026-13-01

### Improvements

- Faster start-up

### fixed

- Crash on empty config (2026-01-31 14:05)

## [1.2.0] - 2026-01-02

### Added

[1.1.0]: https://github.com/acme/api/compare/v1.0.0...v1.1.0
[0.9.0]: https://github.com/acme/api/releases/tag/v0.9.0
`,
      good: `# Changelog

## [Unreleased]

## [1.2.0] - 2026-02-01

### Added

- Health endpoint

## [1.1.0] - 2026-01-31

### Changed

- Faster start-up

### Fixed

- Crash on empty config (2026-01-31T14:05Z, Jane Doe)

[Unreleased]: https://github.com/acme/api/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/acme/api/compare/v1.1.0...v1.2.0
[1.1.0]: https://github.com/acme/api/compare/v1.0.0...v1.1.0
`,
      fix: 'Fixes only where the intent is certain: a section name in the wrong case is renamed (`### fixed` → `### Fixed`); a missing `## [Unreleased]` heading is added above the newest release (not when the file ends in an open code fence, where it would be text); a missing link reference is added when the other references show the URL pattern (`compare/v1.0.0...v1.1.0`) and the label has no brackets, unbalanced parentheses, control characters or unusual whitespace of its own and is at most 999 characters long (the CommonMark limit); a missing H1 title becomes `# Changelog`; a heading at the wrong level for its role gets the right one (a change type written `## Added` inside a release becomes `###`, a release written `### [1.0.0]` above its `###` change types becomes `##`), and a line meant as a heading that CommonMark reads as text (`##[1.0.0]`, no space after the `#` signs) gets its space. Those three are reported as what they are, not as what they do to the file (a version "Added" listed twice, an empty section "[1.0.0]").',
      peers:
        "Keep a Changelog itself has no linter; `kacl lint` (python-kacl) and `changelog-lint` check parts of the same format. Unlike them, Plumbline parses the file as CommonMark (headings inside code fences are not headings), orders versions by SemVer precedence (so `1.0.0-rc.1` sorts below `1.0.0`), accepts a Python package's pre-releases as PEP 440 writes them (`1.2.0rc1`, `1.2.0b2`, `1.2.0a3`, `1.2.0.dev1`: PyPI normalises SemVer's form to that), reads a product name before the version (`## billing-api 2.1.0`) and a release dated `Unreleased` (`## [1.3.0] - Unreleased`) as the Unreleased section, checks that dates exist on the calendar (`2026-02-30` is reported), accepts dates written `- 2026-01-31` or `(2026-01-31)` and versions with or without brackets or linked inline to their compare URL (`## [1.0.1](https://…/compare/v1.0.0...v1.0.1) (2026-01-31)`), and checks entry timestamps. Brackets without any link definition in the file are treated as style, not as broken links. A changelog that follows another convention (most of at least three releases undated, dated another way than `YYYY-MM-DD` or versioned other than SemVer, or most of at least three sections outside the six change types, as release tools such as Craft, release-drafter or conventional-changelog write them; the `#` headings that conventional-changelog gives minor releases count as releases, not as extra titles) gets one finding on its title that says how it differs, instead of one per heading; problems the convention does not explain (duplicate or misordered versions, empty sections, broken links) are still reported where they are. markdownlint checks Markdown style, not changelog semantics; the two complement each other.",
    },
  },
  check(context) {
    const { document } = context;
    if (!isChangelogPath(context.relativePath)) return;
    const changelog = readChangelog(document, context.parsed);
    const report: ReportFinding = (message, range, fixes) => context.report(fixes ? { message, range, fixes } : { message, range });
    const [title, ...extraTitles] = changelog.titles;
    if (!title) {
      const firstLine = document.lineRange(0);
      report('The changelog has no H1 title; start the file with "# Changelog".', firstLine, [
        {
          title: 'Add the title "# Changelog"',
          edits: [{ range: { start: firstLine.start, end: firstLine.start }, newText: `# Changelog${document.eol}${document.eol}` }],
          isPreferred: true,
        },
      ]);
    }
    const convention = otherConvention(changelog);
    const h1Releases = convention ? [] : changelog.releases.filter((r) => r.isH1).map((r) => r.heading);
    for (const extra of [...extraTitles, ...h1Releases].sort((a, b) => startOf(a) - startOf(b))) {
      report('A changelog has one H1 title; make this heading a "##" release or "###" section.', headingRange(document, extra));
    }
    if (convention) report(convention, title ? headingRange(document, title) : document.lineRange(0));
    checkReleases(document, changelog, report, convention !== undefined);
    checkSections(document, changelog, report, convention !== undefined);
    checkHeadingLevels(document, changelog, report);
    checkLinks(document, changelog, report);
    checkTimestamps(document, changelog, report);
  },
});
