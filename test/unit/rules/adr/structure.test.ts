import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { adrLinks } from '../../../../server/src/rules/adr/links';
import { adrStructure } from '../../../../server/src/rules/adr/structure';
import { madrTemplate, nygardTemplate } from '../../../../server/src/workflows/adr';
import { fixture, testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

type FixtureFolder = 'nygard' | 'madr' | 'madr-list' | 'log4brains';

/** The fixture folder's files placed under `folder`, except `skip`. */
function adrFolder(style: FixtureFolder, folder = 'docs/adr', skip?: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(__dirname, '../../../fixtures/markdown', `adr-${style}`))) {
    if (name !== skip) files[`${folder}/${name}`] = fixture(`markdown/adr-${style}/${name}`);
  }
  return files;
}

function fixtureCases(style: FixtureFolder, folder = 'docs/adr', extra: Record<string, string> = {}) {
  const files = { ...adrFolder(style, folder), ...extra };
  return Object.entries(adrFolder(style, folder)).map(([filename, code]) => ({ name: `${style} fixture ${filename}`, filename, code, files }));
}

const LOG4BRAINS_CONFIG = 'project:\n  name: shop\n  tz: Europe/Berlin\n  adrFolder: ./docs/adr\n  packages:\n    - name: payments\n      path: ./services/payments\n      adrFolder: ./services/payments/adr\n';

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
      name: 'MADR\'s adr-template.md beside the records is not a record',
      filename: 'docs/decisions/adr-template.md',
      code: '---\nstatus: "{proposed | accepted | rejected}"\n---\n# {title of the decision}\n\n## Context and Problem Statement\n\n{what is the problem}\n',
      files: { 'docs/decisions/0001-keep-orders-in-postgres.md': madrTemplate('Keep orders in Postgres', '2026-01-31') },
    },
    { name: 'nor is its minimal variant', filename: 'docs/decisions/adr-template-minimal.md', code: '# {title}\n\n## Context and Problem Statement\n\n{problem}\n' },
    { name: 'adr-tools .adr-dir is honoured', filename: 'doc/architecture/decisions/0001-x.md', code: NYGARD, files: { '.adr-dir': 'doc/architecture/decisions\n' } },
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
    { name: 'two dated records of the same day are not duplicates', filename: 'docs/decisions/20240115-b.md', code: madrTemplate('B', '2024-01-15', 'list'), files: { 'docs/decisions/20240115-a.md': madrTemplate('A', '2024-01-15', 'list') } },
    { name: 'paths.adr overrides the conventional folders', filename: 'doc/adr/notes.md', code: '# Notes\n', files: { '.plumbline.yaml': 'paths:\n  adr: decisions\n' } },
    { name: 'example records in a docs repository are not an ADR folder', filename: 'locales/en/examples/use-postgres/index.md', code: '# Use PostgreSQL\n\n## Context\n\nc\n' },
    { name: 'an unknown status outside any ADR folder is not judged', filename: 'notes/0001-x.md', code: '# 1. X\n\n## Status\n\nDone\n' },
  ],
  invalid: [
    {
      name: 'file name without the NNNN- prefix',
      filename: 'docs/adr/use-grpc.md',
      code: NYGARD,
      errors: [{ line: 1, column: 1, endColumn: 25, message: 'ADR file name "use-grpc.md" does not follow NNNN-title-slug.md (four digits, then lower-case words joined by hyphens).' }],
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
      name: 'MADR 2 status list with an unknown status (adr-tools\' default folder doc/adr)',
      filename: 'doc/adr/0003-use-graphql.md',
      code: '# Use GraphQL\n\n* Status: maybe\n* Date: 2024-02-30\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n',
      errors: [
        { line: 3, column: 11, endColumn: 16, message: 'Unknown ADR status "maybe"; use one of proposed, accepted, rejected, deprecated, superseded.' },
        { line: 4, column: 9, endColumn: 19, message: 'ADR date "2024-02-30" is not a YYYY-MM-DD date; write it as e.g. 2026-01-31.' },
      ],
    },
    {
      name: 'draft is log4brains\' status, not a numbered folder\'s',
      filename: 'docs/decisions/0001-x.md',
      code: madrTemplate('X', '2024-01-15', 'list').replace('Status: proposed', 'Status: draft'),
      errors: [{ line: 3, column: 11, endColumn: 16, message: 'Unknown ADR status "draft"; use one of proposed, accepted, rejected, deprecated, superseded.' }],
    },
    {
      name: 'a dated (log4brains) folder wants YYYYMMDD-slug.md names with real dates',
      filename: 'docs/adr/20241340-use-kafka.md',
      code: madrTemplate('Use Kafka', '2024-12-01', 'list'),
      files: { '.log4brains.yml': LOG4BRAINS_CONFIG },
      errors: [{ line: 1, column: 1, endColumn: 12, message: 'ADR file name "20241340-use-kafka.md" does not follow YYYYMMDD-title-slug.md (log4brains: the date, then lower-case words joined by hyphens).' }],
    },
    {
      name: 'a log4brains package folder is checked too',
      filename: 'services/payments/adr/use-stripe.md',
      code: madrTemplate('Use Stripe', '2024-12-01', 'list'),
      files: { '.log4brains.yml': LOG4BRAINS_CONFIG },
      errors: [{ line: 1, column: 1, message: /^ADR file name "use-stripe.md" does not follow YYYYMMDD-title-slug.md/ }],
    },
    {
      name: 'a Nygard record with an unknown status in adr-tools\' default doc/adr (no .adr-dir)',
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

const NEW_NYGARD = '# 5. Use NATS\n\nDate: 2026-01-31\n\n## Status\n\nAccepted\n\nSupersedes [3. Use Kafka](0003-use-kafka.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
const OLD_NYGARD = '# 3. Use Kafka\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';

testRule(adrLinks, {
  valid: [...fixtureCases('nygard'), ...fixtureCases('madr'), { name: 'links to URLs are not judged', filename: 'docs/adr/0001-a.md', code: 'Supersedes [x](https://example.com/adr/1)\n' }],
  invalid: [
    {
      name: 'a supersede link to a missing record (the Nygard folder without 0004)',
      filename: 'docs/adr/0002-use-rabbitmq-for-jobs.md',
      code: fixture('markdown/adr-nygard/0002-use-rabbitmq-for-jobs.md'),
      files: adrFolder('nygard', 'docs/adr', '0004-use-redis-streams-for-background-jobs.md'),
      errors: [
        {
          line: 7,
          column: 15,
          endColumn: 104,
          message: '"Superseded by" points to 0004-use-redis-streams-for-background-jobs.md, which does not exist; fix the link.',
        },
      ],
    },
    {
      name: 'Supersedes not mirrored: the fix marks the old record superseded',
      filename: 'docs/adr/0005-use-nats.md',
      code: NEW_NYGARD,
      files: { 'docs/adr/0003-use-kafka.md': OLD_NYGARD },
      errors: [{ line: 9, column: 12, endColumn: 45, message: '0003-use-kafka.md does not say "Superseded by" this record; add the mirror link there.' }],
      suggestions: [[{ title: 'Add "Superseded by 0005-use-nats.md" to 0003-use-kafka.md' }]],
    },
    {
      name: 'Superseded by not mirrored (MADR)',
      filename: 'docs/adr/0002-expose-metrics-with-prometheus.md',
      code: fixture('markdown/adr-madr/0002-expose-metrics-with-prometheus.md'),
      files: { 'docs/adr/0003-use-opentelemetry-for-metrics.md': madrTemplate('Use OpenTelemetry for metrics', '2025-10-01') },
      errors: [{ line: 2, column: 24, message: '0003-use-opentelemetry-for-metrics.md does not say "Supersedes" this record; add the mirror link there.' }],
      suggestions: [[{ title: 'Add "Supersedes 0002-expose-metrics-with-prometheus.md" to 0003-use-opentelemetry-for-metrics.md' }]],
    },
  ],
});

describe('PL404 mirror fix', () => {
  function mirrorEdit(files: Record<string, string>, linted: string): { target: string; text: string; workspace: Workspace; root: string } {
    const root = makeWorkspace(files);
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const document = new SourceDocument(path.join(root, linted), files[linted]!);
    const diagnostic = workspace.lint(document).diagnostics.find((d) => d.code === 'PL404')!;
    const change = diagnostic.fixes![0]!.workspaceChanges![0]!;
    assert.equal(change.kind, 'edit');
    if (change.kind !== 'edit') throw new Error('unreachable');
    return { target: change.path, text: applyEdits(fs.readFileSync(change.path, 'utf8'), change.edits), workspace, root };
  }

  /** Writes the fixed record, then asserts that neither record draws a PL403 or PL404 any more. */
  function assertCleanAfterFix(workspace: Workspace, root: string, target: string, fixed: string, other: [string, string]): void {
    fs.writeFileSync(target, fixed);
    workspace.index.applyChanges([{ type: 'changed', path: target }]);
    for (const [file, content] of [[path.join(root, other[0]), other[1]], [target, fixed]] as const) {
      const codes = workspace.lint(new SourceDocument(file, content)).diagnostics.map((d) => d.code);
      assert.deepEqual(codes.filter((c) => c === 'PL403' || c === 'PL404'), [], file);
    }
  }

  it('sets the old Nygard record\'s status, after which neither record is reported', () => {
    const files = { 'docs/adr/0005-use-nats.md': NEW_NYGARD, 'docs/adr/0003-use-kafka.md': OLD_NYGARD };
    const { target, text, workspace, root } = mirrorEdit(files, 'docs/adr/0005-use-nats.md');
    try {
      assert.equal(target, path.join(root, 'docs/adr/0003-use-kafka.md'));
      assert.equal(text, OLD_NYGARD.replace('\nAccepted\n', '\nSuperseded by [0005. Use NATS](0005-use-nats.md)\n'));
      assertCleanAfterFix(workspace, root, target, text, ['docs/adr/0005-use-nats.md', NEW_NYGARD]);
    } finally {
      removeWorkspace(root);
    }
  });

  it('sets the `* Status:` item of a MADR 2 / log4brains record, after which neither record is reported', () => {
    const older = madrTemplate('Use NATS', '2024-01-15', 'list').replace('Status: proposed', 'Status: accepted');
    const newer = madrTemplate('Use Kafka', '2024-03-01', 'list').replace('* Date: 2024-03-01\n', '* Date: 2024-03-01\n\nSupersedes [Use NATS](20240115-use-nats.md)\n');
    const files = { '.log4brains.yml': 'project:\n  adrFolder: ./docs/adr\n', 'docs/adr/20240115-use-nats.md': older, 'docs/adr/20240301-use-kafka.md': newer };
    const { target, text, workspace, root } = mirrorEdit(files, 'docs/adr/20240301-use-kafka.md');
    try {
      assert.equal(target, path.join(root, 'docs/adr/20240115-use-nats.md'));
      assert.equal(text, older.replace('* Status: accepted', '* Status: superseded by [Use Kafka](20240301-use-kafka.md)'));
      assertCleanAfterFix(workspace, root, target, text, ['docs/adr/20240301-use-kafka.md', newer]);
    } finally {
      removeWorkspace(root);
    }
  });

  it('adds "Supersedes" under the new MADR record\'s title', () => {
    const newer = madrTemplate('Use OpenTelemetry for metrics', '2025-10-01');
    const files = {
      'docs/adr/0002-expose-metrics-with-prometheus.md': fixture('markdown/adr-madr/0002-expose-metrics-with-prometheus.md'),
      'docs/adr/0003-use-opentelemetry-for-metrics.md': newer,
    };
    const { text, root } = mirrorEdit(files, 'docs/adr/0002-expose-metrics-with-prometheus.md');
    try {
      assert.equal(
        text,
        newer.replace(
          '# Use OpenTelemetry for metrics\n',
          '# Use OpenTelemetry for metrics\n\nSupersedes [0002. Expose metrics with the Prometheus client](0002-expose-metrics-with-prometheus.md)\n',
        ),
      );
    } finally {
      removeWorkspace(root);
    }
  });
});
