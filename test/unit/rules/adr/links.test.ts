import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { adrLinks } from '../../../../server/src/rules/adr/links';
import { madrTemplate } from '../../../../server/src/workflows/adr';
import { fixture, testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';
import { adrFolder, fixtureCases } from './adrFixtures';

const NEW_NYGARD =
  '# 5. Use NATS\n\nDate: 2026-01-31\n\n## Status\n\nAccepted\n\nSupersedes [3. Use Kafka](0003-use-kafka.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
const OLD_NYGARD = '# 3. Use Kafka\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';

testRule(adrLinks, {
  valid: [
    ...fixtureCases('nygard'),
    ...fixtureCases('madr'),
    { name: 'links to URLs are not judged', filename: 'docs/adr/0001-a.md', code: 'Supersedes [x](https://example.com/adr/1)\n' },
  ],
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
    for (const [file, content] of [
      [path.join(root, other[0]), other[1]],
      [target, fixed],
    ] as const) {
      const codes = workspace.lint(new SourceDocument(file, content)).diagnostics.map((d) => d.code);
      assert.deepEqual(
        codes.filter((c) => c === 'PL403' || c === 'PL404'),
        [],
        file,
      );
    }
  }

  it("sets the old Nygard record's status, after which neither record is reported", () => {
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
    const newer = madrTemplate('Use Kafka', '2024-03-01', 'list').replace(
      '* Date: 2024-03-01\n',
      '* Date: 2024-03-01\n\nSupersedes [Use NATS](20240115-use-nats.md)\n',
    );
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
