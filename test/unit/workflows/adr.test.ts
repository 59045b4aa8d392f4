import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/engine/edits';
import type { WorkspaceChange } from '../../../server/src/engine/types';
import { readAdrDocument } from '../../../server/src/languages/adrRecord';
import {
  generateAdrIndex,
  INDEX_END,
  INDEX_START,
  newAdr,
  nextAdrNumber,
  nygardTemplate,
  slugify,
  supersedeAdr,
  madrTemplate,
  WorkflowError,
  WorkflowRefusal,
  type AdrFolderListing,
} from '../../../server/src/workflows/adr';

const FOLDER = '/w/docs/adr';
const DATE = '2026-01-31';

function listing(files: Record<string, string>, teamTemplate?: string, idStyle: AdrFolderListing['idStyle'] = 'number'): AdrFolderListing {
  return { folder: FOLDER, idStyle, files: Object.entries(files).map(([name, text]) => ({ path: `${FOLDER}/${name}`, text })), teamTemplate };
}

function created(change: WorkspaceChange | undefined): { path: string; content: string } {
  assert.equal(change?.kind, 'create');
  return change as { path: string; content: string };
}

describe('ADR workflows', () => {
  it('slugs titles to lower-case ASCII words, bounded, with no way out of the folder', () => {
    assert.equal(slugify('Use PostgreSQL for Billing!'), 'use-postgresql-for-billing');
    assert.equal(slugify('Café über naïve'), 'cafe-uber-naive');
    assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
    assert.equal(slugify('..\\..\\windows'), 'windows');
    assert.equal(slugify('../..'), 'decision');
    assert.equal(slugify('日本語'), 'decision');
    const long = slugify('a very long title that goes on and on about the many reasons for the decision');
    assert.ok(long.length <= 50 && !long.endsWith('-'), long);
    assert.equal(long, 'a-very-long-title-that-goes-on-and-on-about-the');
  });

  it('numbers one past the highest, keeping gaps', () => {
    assert.equal(nextAdrNumber([]), 1);
    assert.equal(nextAdrNumber(['0001-a.md', '0004-b.md', 'README.md', 'notes.txt']), 5);
  });

  it('creates a MADR record by default, with the cursor in the context section', () => {
    const result = newAdr(listing({ '0001-a.md': '', '0003-b.md': '' }), { title: '  Use   gRPC ', date: DATE });
    const file = created(result.changes[0]);
    assert.equal(file.path, `${FOLDER}/0004-use-grpc.md`);
    assert.match(file.content, /^---\nstatus: proposed\ndate: 2026-01-31\n---\n\n# Use gRPC\n/);
    assert.equal(file.content.split('\n')[result.cursor.line], 'Describe the situation that calls for a decision, and the question to answer.');
    const record = readAdrDocument(file.path, file.content);
    assert.equal(record.style, 'madr');
  });

  it('creates a Nygard record on request', () => {
    const result = newAdr(listing({}), { title: 'Use gRPC', date: DATE, template: 'nygard' });
    const file = created(result.changes[0]);
    assert.equal(file.path, `${FOLDER}/0001-use-grpc.md`);
    assert.equal(file.content, nygardTemplate(1, 'Use gRPC', DATE));
    assert.equal(result.cursor.line, 10);
  });

  it("uses the team's templates/template.md when there is one", () => {
    const result = newAdr(listing({}, '# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nWhy?\n'), { title: 'Use gRPC', date: DATE });
    assert.equal(created(result.changes[0]).content, '# 1. Use gRPC\n\nDate: 2026-01-31\n\n## Status\n\nProposed\n\n## Context\n\nWhy?\n');
    assert.deepEqual(result.cursor, { line: 10, character: 0 });
  });

  it('a path-traversal title stays in the folder', () => {
    const result = newAdr(listing({}), { title: '../../etc', date: DATE });
    assert.equal(created(result.changes[0]).path, `${FOLDER}/0001-etc.md`);
  });

  it('rejects an empty title', () => {
    assert.throws(() => newAdr(listing({}), { title: '   ', date: DATE }), WorkflowError);
  });

  it('supersede creates the new record and marks the old one, both with working links', () => {
    const old = nygardTemplate(2, 'Use RabbitMQ', DATE).replace('Proposed', 'Accepted');
    const result = supersedeAdr(listing({ '0002-use-rabbitmq.md': old }), 2, { title: 'Use Redis Streams', date: DATE, template: 'nygard' });
    assert.equal(result.changes.length, 2);
    const file = created(result.changes[0]);
    assert.equal(file.path, `${FOLDER}/0003-use-redis-streams.md`);
    assert.match(file.content, /## Status\n\nProposed\n\nSupersedes \[0002\. Use RabbitMQ\]\(0002-use-rabbitmq\.md\)\n/);
    const edit = result.changes[1]!;
    assert.equal(edit.kind, 'edit');
    if (edit.kind !== 'edit') return;
    assert.equal(edit.path, `${FOLDER}/0002-use-rabbitmq.md`);
    assert.equal(applyEdits(old, edit.edits), old.replace('Accepted', 'Superseded by [0003. Use Redis Streams](0003-use-redis-streams.md)'));
  });

  it('the default template follows the records already in the folder', () => {
    const nygardFolder = listing({ '0001-a.md': nygardTemplate(1, 'A', DATE), '0002-b.md': nygardTemplate(2, 'B', DATE) });
    assert.equal(created(newAdr(nygardFolder, { title: 'Use gRPC', date: DATE }).changes[0]).content, nygardTemplate(3, 'Use gRPC', DATE));
    const madrFolder = listing({ '0001-a.md': madrTemplate('A', DATE), '0002-b.md': nygardTemplate(2, 'B', DATE), '0003-c.md': madrTemplate('C', DATE) });
    assert.equal(created(newAdr(madrFolder, { title: 'Use gRPC', date: DATE }).changes[0]).content, madrTemplate('Use gRPC', DATE));
    const listFolder = listing({ '0001-a.md': madrTemplate('A', DATE, 'list') });
    assert.match(
      created(newAdr(listFolder, { title: 'Use gRPC', date: DATE }).changes[0]).content,
      /^# Use gRPC\n\n\* Status: proposed\n\* Date: 2026-01-31\n\n## Context and Problem Statement\n/,
    );
    assert.equal(
      created(newAdr(nygardFolder, { title: 'Use gRPC', date: DATE, template: 'madr' }).changes[0]).content,
      madrTemplate('Use gRPC', DATE),
      'an explicit template wins',
    );
  });

  it('a dated (log4brains) folder gets a record named by the date, in the list form, and refuses the same name twice', () => {
    const dated = listing({ '20240115-use-nats.md': madrTemplate('Use NATS', '2024-01-15', 'list') }, undefined, 'date');
    const result = newAdr(dated, { title: 'Keep events', date: DATE });
    const file = created(result.changes[0]);
    assert.equal(file.path, `${FOLDER}/20260131-keep-events.md`);
    assert.equal(result.number, undefined);
    assert.equal(file.content, madrTemplate('Keep events', DATE, 'list'));
    const again = listing({ '20260131-keep-events.md': file.content }, undefined, 'date');
    assert.throws(
      () => newAdr(again, { title: 'Keep events', date: DATE }),
      (error: Error) => error instanceof WorkflowRefusal && error.message === '20260131-keep-events.md already exists; give the decision another title.',
    );
  });

  it('supersede refuses a record that is already superseded, naming its successor', () => {
    const old = nygardTemplate(2, 'Use RabbitMQ', DATE).replace('Proposed', 'Superseded by [3. Use Redis Streams](0003-use-redis-streams.md)');
    assert.throws(
      () =>
        supersedeAdr(listing({ '0002-use-rabbitmq.md': old, '0003-use-redis-streams.md': nygardTemplate(3, 'Use Redis Streams', DATE) }), 2, {
          title: 'Use Kafka',
          date: DATE,
        }),
      (error: Error) =>
        error instanceof WorkflowRefusal &&
        error.message ===
          '0002-use-rabbitmq.md is already superseded by 0003-use-redis-streams.md; supersede 0003-use-redis-streams.md instead, or remove the "Superseded by" link first. Nothing was changed.',
    );
    const madrOld = madrTemplate('Use RabbitMQ', DATE).replace('status: proposed', 'status: superseded');
    assert.throws(
      () => supersedeAdr(listing({ '0002-use-rabbitmq.md': madrOld }), 2, { title: 'Use Kafka', date: DATE }),
      (error: Error) =>
        error instanceof WorkflowRefusal &&
        error.message ===
          '0002-use-rabbitmq.md already has the status "superseded"; supersede the record that replaced it instead, or change its status first. Nothing was changed.',
    );
  });

  it('supersede in a dated folder names the record by its file name; a numbered folder wants a number', () => {
    const dated = listing({ '20240115-use-nats.md': madrTemplate('Use NATS', '2024-01-15', 'list') }, undefined, 'date');
    const result = supersedeAdr(dated, '20240115-use-nats', { title: 'Use Kafka', date: DATE });
    assert.match(created(result.changes[0]).content, /\nSupersedes \[Use NATS\]\(20240115-use-nats\.md\)\n/);
    const edit = result.changes[1]!;
    assert.ok(edit.kind === 'edit');
    assert.match(applyEdits(madrTemplate('Use NATS', '2024-01-15', 'list'), edit.edits), /\* Status: superseded by \[Use Kafka\]\(20260131-use-kafka\.md\)\n/);
    assert.throws(() => supersedeAdr(listing({}), 'use-nats', { title: 'X', date: DATE }), /give the number of the record to supersede, not "use-nats"/);
  });

  it('supersede of an unknown or duplicated number is an error', () => {
    assert.throws(() => supersedeAdr(listing({}), 9, { title: 'X', date: DATE }), /There is no ADR number 0009 in adr\./);
    assert.throws(() => supersedeAdr(listing({ '0002-a.md': '', '0002-b.md': '' }), 2, { title: 'X', date: DATE }), /used by 0002-a\.md and 0002-b\.md/);
  });

  it('the index is generated between markers, keeps the text around it and is idempotent', () => {
    const records = {
      '0002-use-rabbitmq.md': nygardTemplate(2, 'Use RabbitMQ | queues', '2025-03-14'),
      '0001-record-decisions.md': nygardTemplate(1, 'Record decisions', '2025-03-01').replace('Proposed', 'Accepted'),
    };
    const first = generateAdrIndex(listing(records));
    const readme = created(first.changes[0]);
    assert.equal(
      readme.content,
      `# Architecture Decision Records\n\n${INDEX_START}\n| No. | Title | Status | Date |\n| --- | --- | --- | --- |\n` +
        '| 0001 | [Record decisions](0001-record-decisions.md) | Accepted | 2025-03-01 |\n' +
        '| 0002 | [Use RabbitMQ \\| queues](0002-use-rabbitmq.md) | Proposed | 2025-03-14 |\n' +
        `${INDEX_END}\n`,
    );
    const handWritten = `# Decisions\n\nIntro.\n\n${readme.content.slice(readme.content.indexOf(INDEX_START))}\nFooter.\n`;
    assert.deepEqual(generateAdrIndex(listing({ ...records, 'README.md': handWritten })).changes, []);

    const withThird = { ...records, 'README.md': handWritten, '0003-x.md': nygardTemplate(3, 'X', DATE) };
    const update = generateAdrIndex(listing(withThird));
    const edit = update.changes[0]!;
    assert.equal(edit.kind, 'edit');
    if (edit.kind !== 'edit') return;
    const updated = applyEdits(handWritten, edit.edits);
    assert.match(updated, /^# Decisions\n\nIntro\.\n\n/);
    assert.match(updated, /\| 0003 \| \[X\]\(0003-x\.md\) \| Proposed \| 2026-01-31 \|\n<!-- plumbline:adr-index:end -->\n\nFooter\.\n$/);
    assert.deepEqual(generateAdrIndex(listing({ ...withThird, 'README.md': updated })).changes, []);
  });

  it('appends the index to a README without markers', () => {
    const update = generateAdrIndex(listing({ 'README.md': '# Decisions\n\nIntro.\n' }));
    const edit = update.changes[0]!;
    if (edit.kind !== 'edit') return assert.fail('expected an edit');
    assert.equal(
      applyEdits('# Decisions\n\nIntro.\n', edit.edits),
      `# Decisions\n\nIntro.\n\n${INDEX_START}\n| No. | Title | Status | Date |\n| --- | --- | --- | --- |\n${INDEX_END}\n`,
    );
  });
});
