import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import {
  ADR_FILE_NAME,
  ADR_STATUSES,
  lintedRecord,
  MADR_SECTIONS,
  NYGARD_SECTIONS,
  recordsIn,
  type AdrRecord,
} from './adrRecord';

function missingParts(record: AdrRecord): string[] {
  if (record.style === 'madr') {
    const missing = MADR_SECTIONS.filter((s) => !record.sections.has(s.toLowerCase())).map((s) => `"## ${s}"`);
    if (!record.status) missing.unshift('front matter "status:"');
    if (!record.date) missing.splice(record.status ? 0 : 1, 0, 'front matter "date:"');
    return missing;
  }
  return NYGARD_SECTIONS.filter((s) => !record.sections.has(s.toLowerCase())).map((s) => `"## ${s}"`);
}

export const adrStructure = defineRule({
  meta: {
    code: 'PL403',
    name: 'adr/structure',
    summary: 'An ADR with a wrong file name, a duplicated number, missing template sections or an unknown status.',
    severity: 'warning',
    policy:
      'Design choices are recorded as ADRs in the ADR folder, named NNNN-title-slug.md with unique numbers, with the sections of their template (Nygard or MADR 4.0) and a status of proposed, accepted, rejected, deprecated or superseded.',
    fixable: 'no',
    kinds: ['markdown'],
    docs: {
      language: 'markdown',
      exampleFile: 'docs/adr/0003-use-kafka.md',
      rationale:
        'ADRs are only useful if they can be found, cited by number and read quickly. A stable `NNNN-slug.md` name makes the number the record\'s identity; two records with the same number make every "see ADR 3" ambiguous. The template\'s sections make each record answer the same questions (why, what, what follows), and a known status tells readers whether the decision still holds.',
      bad: '# Use Kafka\n\n## Status\n\nDone\n\n## Context\n\nWe need a durable event log.\n',
      good:
        '# 3. Use Kafka\n\nDate: 2026-01-31\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a durable event log.\n\n## Decision\n\nWe will use Kafka.\n\n## Consequences\n\nWe run a Kafka cluster.\n',
      peers:
        'adr-tools and log4brains create records but do not lint them; `adr-log` and MADR\'s tooling only read titles. Plumbline recognises both Nygard (adr-tools) and MADR 4.0 records by their shape, honours adr-tools\' `.adr-dir`, accepts numbering gaps but not duplicates, and checks the status vocabulary that both templates share.',
    },
  },
  check(context) {
    const { document, index } = context;
    const linted = lintedRecord(context);
    if (!linted) return;
    const { folder, record } = linted;
    const report = (message: string, range = record.titleRange) => context.report({ message, range });

    if (!ADR_FILE_NAME.test(record.fileName)) {
      report(`ADR file name "${record.fileName}" does not follow NNNN-title-slug.md (four digits, then lower-case words joined by hyphens).`);
    }
    if (record.number !== undefined) {
      const others = [...recordsIn(index, folder)].filter(([other, r]) => other !== document.path && r.number === record.number);
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
        'This ADR follows neither template: add MADR front matter (status, date) and "## Context and Problem Statement", or Nygard\'s "## Status", "## Context", "## Decision" and "## Consequences".',
      );
      return;
    }
    const missing = missingParts(record);
    if (missing.length > 0) {
      const template = record.style === 'madr' ? 'MADR 4.0' : 'Nygard';
      report(`This ${template} ADR lacks ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'}.`);
    }
    if (record.status) {
      const word = /^[A-Za-z]+/.exec(record.status.value)?.[0]?.toLowerCase();
      if (!word || !(ADR_STATUSES as readonly string[]).includes(word)) {
        report(`Unknown ADR status "${record.status.value}"; use one of ${ADR_STATUSES.join(', ')}.`, record.status.range);
      }
    }
  },
});
