import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import { SourceDocument } from '../../engine/sourceDocument';
import type { Fix } from '../../engine/types';
import {
  addSupersedesEdit,
  adrRecords,
  lintedRecord,
  markSupersededEdit,
  readAdr,
  recordLink,
  resolveLink,
  type AdrLink,
  type AdrRecord,
} from '../../languages/adrRecord';
import { parseAs } from '../../languages';

const MIRROR: Record<AdrLink['kind'], AdrLink['kind']> = { supersedes: 'superseded-by', 'superseded-by': 'supersedes' };
const PHRASE: Record<AdrLink['kind'], string> = { supersedes: 'Supersedes', 'superseded-by': 'Superseded by' };

function mirrorFix(self: { path: string; record: AdrRecord }, link: AdrLink, otherPath: string, otherText: string): Fix {
  const otherDocument = new SourceDocument(otherPath, otherText);
  const other = readAdr(otherDocument, parseAs('markdown', otherDocument));
  const back = recordLink(self.record, otherPath, self.path);
  const edit = link.kind === 'supersedes' ? markSupersededEdit(otherDocument, other, back) : addSupersedesEdit(otherDocument, other, back);
  return {
    title: `Add "${PHRASE[MIRROR[link.kind]]} ${self.record.fileName}" to ${path.basename(otherPath)}`,
    edits: [],
    workspaceChanges: [{ kind: 'edit', path: otherPath, edits: [edit] }],
    isPreferred: true,
  };
}

export const adrLinks = defineRule({
  meta: {
    code: 'PL404',
    name: 'adr/links',
    summary: '"Superseded by"/"Supersedes" links between ADRs that do not resolve or are not mirrored.',
    severity: 'warning',
    policy:
      'When a decision replaces another, both records say so: the new one "Supersedes" the old, the old one is "Superseded by" the new, and both links work.',
    fixable: 'yes',
    fixApplicability: 'safe',
    fixChangesOtherFiles: true,
    kinds: ['markdown'],
    docs: {
      language: 'markdown',
      exampleFile: 'docs/adr/0003-use-kafka.md',
      rationale:
        'A reader who lands on an old decision must learn that it no longer holds, and a reader of the new one must find what it replaced. A one-sided link, or one to a renamed file, silently breaks that chain.',
      bad: `# 3. Use Kafka

## Status

Superseded by [5. Use NATS](0005-nats.md)

<!-- the record is 0005-use-nats.md, and it does not say "Supersedes" this one -->
`,
      good: `# 3. Use Kafka

## Status

Superseded by [0005. Use NATS](0005-use-nats.md)

<!-- 0005-use-nats.md says: Supersedes [0003. Use Kafka](0003-use-kafka.md) -->
`,
      exampleSurroundings: {
        good: { 'docs/adr/0005-use-nats.md': '# 5. Use NATS\n\n## Status\n\nAccepted\n\nSupersedes [0003. Use Kafka](0003-use-kafka.md)\n' },
      },
      fix: 'Mirrors the link into the other record: "Superseded by" replaces the old record\'s status (Nygard), its front matter `status:` (MADR 3/4) or its `* Status:` item (MADR 2, log4brains); "Supersedes" is added under the new record\'s status or title. The other file is edited; this one is left as it is. `plumbline adr supersede` refuses a record that already names a successor, so a chain is never relinked silently.',
      peers:
        'adr-tools writes both links when it creates a superseding record (`adr new -s 3 …`) but never checks them afterwards. Plumbline checks links written by hand or by any tool, in Nygard, MADR (2 to 4) and log4brains records, in every ADR folder PL403 finds (`paths.adr`, `.adr-dir`, `.log4brains.yml`, or the conventional `doc/adr`, `docs/adr`, `docs/decisions`, `doc(s)/architecture/decisions`), and resolves them as relative file paths. Other link types (adr-tools\' "Amends"/"Amended by") are not judged.',
    },
  },
  check(context) {
    const { document, index } = context;
    const linted = lintedRecord(context);
    if (!linted) return;
    const { record } = linted;
    for (const link of record.links) {
      const target = resolveLink(document.path, link.target);
      if (!target) continue;
      if (!index.has(target)) {
        context.report({ message: `"${PHRASE[link.kind]}" points to ${link.target}, which does not exist; fix the link.`, range: link.range });
        continue;
      }
      const other = index.factsOf(adrRecords, target);
      if (!other) continue;
      const mirrored = other.links.some((back) => back.kind === MIRROR[link.kind] && resolveLink(target, back.target) === document.path);
      if (mirrored) continue;
      const otherText = index.document(target)?.text;
      context.report({
        message: `${other.fileName} does not say "${PHRASE[MIRROR[link.kind]]}" this record; add the mirror link there.`,
        range: link.range,
        ...(otherText === undefined ? {} : { fixes: [mirrorFix({ path: document.path, record }, link, target, otherText)] }),
      });
    }
  },
});
