import { adrStructure } from '../../../../server/src/rules/adr/structure';
import { madrTemplate, nygardTemplate } from '../../../../server/src/workflows/adr';
import { testRule } from '../../../helpers/ruleTester';
import { fixtureCases } from './adrFixtures';

const LOG4BRAINS_CONFIG =
  'project:\n  name: shop\n  tz: Europe/Berlin\n  adrFolder: ./docs/adr\n  packages:\n    - name: payments\n      path: ./services/payments\n      adrFolder: ./services/payments/adr\n';

const NYGARD = nygardTemplate(7, 'Use gRPC internally', '2026-01-31');

testRule(adrStructure, {
  valid: [
    ...fixtureCases('nygard'),
    ...fixtureCases('madr'),
    { name: 'fresh MADR record', filename: 'docs/adr/0001-use-grpc.md', code: madrTemplate('Use gRPC', '2026-01-31') },
    { name: 'fresh Nygard record', filename: 'docs/adr/0007-use-grpc-internally.md', code: NYGARD },
    { name: 'numbering gaps are fine', filename: 'docs/adr/0009-use-grpc.md', code: NYGARD, files: { 'docs/adr/0001-a.md': NYGARD } },
    { name: 'Markdown outside the ADR folder is not judged', filename: 'docs/notes.md', code: '# Notes\n' },
    { name: 'the folder README is not a record', filename: 'docs/adr/README.md', code: '# Decisions\n' },
    { name: 'the template is not a record', filename: 'docs/adr/templates/template.md', code: '# NUMBER. TITLE\n' },
    {
      name: "MADR's adr-template.md beside the records is not a record",
      filename: 'docs/decisions/adr-template.md',
      code: '---\nstatus: "{proposed | accepted | rejected}"\n---\n# {title of the decision}\n\n## Context and Problem Statement\n\n{what is the problem}\n',
      files: { 'docs/decisions/0001-keep-orders-in-postgres.md': madrTemplate('Keep orders in Postgres', '2026-01-31') },
    },
    {
      name: 'a numbered template that sorts first is not a record',
      filename: 'docs/architecture/decisions/0000-TEMPLATE.md',
      code: '# 0. Template\n\n## Status\n\nPending\n\n## Context\n\nWhat forces are at play?\n',
      files: { 'docs/architecture/decisions/0001-record-decisions.md': NYGARD },
    },
    { name: 'capitals in the slug are part of the title', filename: 'docs/decisions/0003-store-files-in-S3.md', code: NYGARD },
    { name: 'and in a dated name', filename: 'docs/adr/20240115-adopt-OpenTelemetry.md', code: NYGARD, files: { '.log4brains.yml': LOG4BRAINS_CONFIG } },
    {
      name: 'nor is its minimal variant',
      filename: 'docs/decisions/adr-template-minimal.md',
      code: '# {title}\n\n## Context and Problem Statement\n\n{problem}\n',
    },
    {
      name: 'adr-tools .adr-dir is honoured',
      filename: 'doc/architecture/decisions/0001-x.md',
      code: NYGARD,
      files: { '.adr-dir': 'doc/architecture/decisions\n' },
    },
    ...fixtureCases('nygard', 'doc/adr'),
    ...fixtureCases('madr-list', 'docs/decisions'),
    ...fixtureCases('madr', 'docs/architecture/decisions'),
    ...fixtureCases('log4brains', 'docs/adr', { '.log4brains.yml': LOG4BRAINS_CONFIG }),
    ...fixtureCases('log4brains', 'services/payments/adr', { '.log4brains.yml': LOG4BRAINS_CONFIG }),
    ...fixtureCases('log4brains', 'docs/decisions'),
    {
      name: 'MADR 4 without front matter: the metadata is optional',
      filename: 'docs/decisions/0004-cache-prices.md',
      code: '# Cache prices\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n',
    },
    {
      name: 'two dated records of the same day are not duplicates',
      filename: 'docs/decisions/20240115-b.md',
      code: madrTemplate('B', '2024-01-15', 'list'),
      files: { 'docs/decisions/20240115-a.md': madrTemplate('A', '2024-01-15', 'list') },
    },
    {
      name: 'paths.adr overrides the conventional folders',
      filename: 'doc/adr/notes.md',
      code: '# Notes\n',
      files: { '.plumbline.yaml': 'paths:\n  adr: decisions\n' },
    },
    {
      name: 'example records in a docs repository are not an ADR folder',
      filename: 'locales/en/examples/use-postgres/index.md',
      code: '# Use PostgreSQL\n\n## Context\n\nc\n',
    },
    { name: 'an unknown status outside any ADR folder is not judged', filename: 'notes/0001-x.md', code: '# 1. X\n\n## Status\n\nDone\n' },
  ],
  invalid: [
    {
      name: 'file name without the NNNN- prefix',
      filename: 'docs/adr/use-grpc.md',
      code: NYGARD,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 25,
          message: 'ADR file name "use-grpc.md" does not follow NNNN-title-slug.md (four digits, then words joined by hyphens).',
        },
      ],
    },
    {
      name: 'duplicate number',
      filename: 'docs/adr/0003-use-grpc.md',
      code: NYGARD,
      files: { 'docs/adr/0003-use-rest.md': NYGARD },
      errors: [{ line: 1, column: 1, message: 'ADR number 0003 is also used by 0003-use-rest.md; give each record its own number.' }],
    },
    {
      name: 'Nygard record without Consequences and with an unknown status',
      filename: 'docs/adr/0002-x.md',
      code: '# 2. X\n\nDate: 2026-01-01\n\n## Status\n\nDone\n\n## Context\n\nc\n\n## Decision\n\nd\n',
      errors: [
        { line: 1, column: 1, endColumn: 7, message: 'This Nygard ADR lacks "## Consequences"; add it.' },
        { line: 7, column: 1, endColumn: 5, message: 'Unknown ADR status "Done"; use one of proposed, accepted, rejected, deprecated, superseded.' },
      ],
    },
    {
      name: 'MADR record without options, with an unknown status and a malformed date in its front matter',
      filename: 'docs/adr/0002-x.md',
      code: '---\nstatus: approved\ndate: 31.01.2026\n---\n\n# X\n\n## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n',
      errors: [
        { line: 2, column: 9, endColumn: 17, message: 'Unknown ADR status "approved"; use one of proposed, accepted, rejected, deprecated, superseded.' },
        { line: 3, column: 7, endColumn: 17, message: 'ADR date "31.01.2026" is not a YYYY-MM-DD date; write it as e.g. 2026-01-31.' },
        { line: 6, column: 1, endColumn: 4, message: 'This MADR ADR lacks "## Considered Options"; add it.' },
      ],
    },
    {
      name: "MADR 2 status list with an unknown status (adr-tools' default folder doc/adr)",
      filename: 'doc/adr/0003-use-graphql.md',
      code: '# Use GraphQL\n\n* Status: maybe\n* Date: 2024-02-30\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n',
      errors: [
        { line: 3, column: 11, endColumn: 16, message: 'Unknown ADR status "maybe"; use one of proposed, accepted, rejected, deprecated, superseded.' },
        { line: 4, column: 9, endColumn: 19, message: 'ADR date "2024-02-30" is not a YYYY-MM-DD date; write it as e.g. 2026-01-31.' },
      ],
    },
    {
      name: "draft is log4brains' status, not a numbered folder's",
      filename: 'docs/decisions/0001-x.md',
      code: madrTemplate('X', '2024-01-15', 'list').replace('Status: proposed', 'Status: draft'),
      errors: [{ line: 3, column: 11, endColumn: 16, message: 'Unknown ADR status "draft"; use one of proposed, accepted, rejected, deprecated, superseded.' }],
    },
    {
      name: 'a dated (log4brains) folder wants YYYYMMDD-slug.md names with real dates',
      filename: 'docs/adr/20241340-use-kafka.md',
      code: madrTemplate('Use Kafka', '2024-12-01', 'list'),
      files: { '.log4brains.yml': LOG4BRAINS_CONFIG },
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 12,
          message: 'ADR file name "20241340-use-kafka.md" does not follow YYYYMMDD-title-slug.md (log4brains: the date, then words joined by hyphens).',
        },
      ],
    },
    {
      name: 'a log4brains package folder is checked too',
      filename: 'services/payments/adr/use-stripe.md',
      code: madrTemplate('Use Stripe', '2024-12-01', 'list'),
      files: { '.log4brains.yml': LOG4BRAINS_CONFIG },
      errors: [{ line: 1, column: 1, message: /^ADR file name "use-stripe.md" does not follow YYYYMMDD-title-slug.md/ }],
    },
    {
      name: "a Nygard record with an unknown status in adr-tools' default doc/adr (no .adr-dir)",
      filename: 'doc/adr/0002-x.md',
      code: NYGARD.replace('Proposed', 'Done'),
      errors: [{ line: 7, column: 1, endColumn: 5, message: 'Unknown ADR status "Done"; use one of proposed, accepted, rejected, deprecated, superseded.' }],
    },
    {
      name: 'neither template',
      filename: 'docs/adr/0002-x.md',
      code: '# Thoughts on queues\n\nWe like Kafka.\n',
      errors: [{ line: 1, column: 1, message: /^This ADR follows neither template/ }],
    },
    {
      name: 'configured ADR folder',
      filename: 'architecture/decisions/x.md',
      code: NYGARD,
      files: { '.plumbline.yaml': 'paths:\n  adr: architecture/decisions\n' },
      errors: [{ line: 1, column: 1, message: /^ADR file name "x.md"/ }],
    },
  ],
});
