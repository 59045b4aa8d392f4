import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import {
  ADR_STATUSES,
  DATED_FILE_NAME,
  LOG4BRAINS_DRAFT,
  lintedRecord,
  MADR_SECTIONS,
  NUMBERED_FILE_NAME,
  NYGARD_SECTIONS,
  recordsIn,
  type AdrFolder,
  type AdrRecord,
} from '../../languages/adrRecord';
import { isCalendarDate } from '../../languages/keepAChangelog';

function missingSections(record: AdrRecord): string[] {
  const expected = record.style === 'madr' ? MADR_SECTIONS : NYGARD_SECTIONS;
  return expected.filter((s) => !record.sections.has(s.toLowerCase())).map((s) => `"## ${s}"`);
}

/** Why the file name does not fit the folder's id style, or undefined when it does. */
function fileNameProblem(record: AdrRecord, folder: AdrFolder): string | undefined {
  if (folder.idStyle === 'date') {
    const match = DATED_FILE_NAME.exec(record.fileName);
    if (match && isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`)) return undefined;
    return `ADR file name "${record.fileName}" does not follow YYYYMMDD-title-slug.md (log4brains: the date, then words joined by hyphens).`;
  }
  if (NUMBERED_FILE_NAME.test(record.fileName)) return undefined;
  return `ADR file name "${record.fileName}" does not follow NNNN-title-slug.md (four digits, then words joined by hyphens).`;
}

function statusesOf(folder: AdrFolder): readonly string[] {
  return folder.idStyle === 'date' ? [LOG4BRAINS_DRAFT, ...ADR_STATUSES] : ADR_STATUSES;
}

export const adrStructure = defineRule({
  meta: {
    code: 'PL403',
    name: 'adr/structure',
    summary: 'An ADR with a wrong file name, a duplicated number, missing template sections or an unknown status.',
    severity: 'warning',
    policy:
      "Design choices are recorded as ADRs in the ADR folder, identified the way the folder does it (NNNN-title-slug.md with unique numbers, or log4brains' YYYYMMDD-title-slug.md), with the sections of their template (Nygard or MADR) and a status of proposed, accepted, rejected, deprecated or superseded.",
    fixable: 'no',
    kinds: ['markdown'],
    docs: {
      language: 'markdown',
      exampleFile: 'docs/adr/0003-use-kafka.md',
      rationale:
        'ADRs are only useful if they can be found, cited by number and read quickly. A stable `NNNN-slug.md` name makes the number the record\'s identity; two records with the same number make every "see ADR 3" ambiguous. The template\'s sections make each record answer the same questions (why, what, what follows), and a known status tells readers whether the decision still holds.',
      bad: `# Use Kafka

## Status

Done

## Context

We need a durable event log.
`,
      good: `# 3. Use Kafka

Date: 2026-01-31

## Status

Accepted

## Context

We need a durable event log.

## Decision

We will use Kafka.

## Consequences

We run a Kafka cluster.
`,
      peers:
        "adr-tools, MADR and log4brains create records but do not lint them; `adr-log` and MADR's tooling only read titles. Plumbline finds ADR folders where their tools put them: `paths.adr` in `.plumbline.yaml` first, else the folder named in adr-tools' `.adr-dir`, else log4brains' `.log4brains.yml` (`adrFolder`, and each package's `adrFolder`), else every one of `doc/adr`, `docs/adr`, `docs/decisions`, `doc/architecture/decisions` and `docs/architecture/decisions` that holds Markdown. A README.md or index.md there is not a record, nor is a template kept beside the records (`template.md`, MADR's `adr-template.md` and its `adr-template-minimal.md`-style variants, a numbered `0000-template.md`). Records are recognised by their shape: Nygard (a `## Status` section), MADR 2/3 (a `* Status:` list under the title) and MADR 4 (YAML front matter). MADR metadata is optional, but a status or date that is present is checked (a date must be `YYYY-MM-DD`). A folder whose records are named `YYYYMMDD-slug.md` (log4brains, or any folder `.log4brains.yml` names) is dated: names are checked against that form, numbers are not compared, and log4brains' `draft` status is accepted; otherwise numbering gaps are fine but duplicates are not.",
    },
  },
  check(context) {
    const { document, index } = context;
    const linted = lintedRecord(context);
    if (!linted) return;
    const { folder, record } = linted;
    const report = (message: string, range = record.titleRange) => context.report({ message, range });

    const nameProblem = fileNameProblem(record, folder);
    if (nameProblem) report(nameProblem);
    if (folder.idStyle === 'number' && record.number !== undefined) {
      const others = [...recordsIn(index, folder.path)].filter(([other, r]) => other !== document.path && r.number === record.number);
      if (others.length > 0) {
        const names = others.map(([other]) => path.basename(other)).sort();
        context.report({
          message: `ADR number ${String(record.number).padStart(4, '0')} is also used by ${names.join(', ')}; give each record its own number.`,
          range: record.titleRange,
          related: others.map(([other, r]) => ({ path: other, range: r.titleRange, message: 'The same number is used here.' })),
        });
      }
    }
    if (record.style === 'unknown') {
      report(
        'This ADR follows neither template: add MADR\'s "## Context and Problem Statement", "## Considered Options" and "## Decision Outcome", or Nygard\'s "## Status", "## Context", "## Decision" and "## Consequences".',
      );
      return;
    }
    const missing = missingSections(record);
    if (missing.length > 0) {
      report(`This ${record.style === 'madr' ? 'MADR' : 'Nygard'} ADR lacks ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'}.`);
    }
    if (record.status) {
      const statuses = statusesOf(folder);
      const word = /^[A-Za-z]+/.exec(record.status.value)?.[0]?.toLowerCase();
      if (!word || !statuses.includes(word)) {
        report(`Unknown ADR status "${record.status.value}"; use one of ${statuses.join(', ')}.`, record.status.range);
      }
    }
    if (record.style === 'madr' && record.date && !isCalendarDate(record.date.value)) {
      report(`ADR date "${record.date.value}" is not a YYYY-MM-DD date; write it as e.g. 2026-01-31.`, record.date.range);
    }
  },
});
