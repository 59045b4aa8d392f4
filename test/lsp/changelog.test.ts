import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import { MARKDOWN_SERVER_COMMANDS, type AdrSummary, type CommandLocation } from '../../server/src/lsp/commands/markdownProtocol';
import { adrRules } from '../../server/src/rules/adr';
import { changelogRules } from '../../server/src/rules/changelog';
import { docsRules } from '../../server/src/rules/docs';
import { changelogTemplate } from '../../server/src/workflows/changelog';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const markdownRules = [...changelogRules, ...adrRules, ...docsRules];

const PYPROJECT = '[project]\nname = "billing"\n';
const BILLING_PL402 = 'PL402 1:1-1:10 services/billing has no CHANGELOG.md (pyproject.toml makes it a component); add one to record its changes.';

describe('language server: CHANGELOG and ADR commands, PL402 follows file events', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      'CHANGELOG.md': changelogTemplate(),
      'services/billing/pyproject.toml': PYPROJECT,
      'services/billing/src/billing/app.py': 'x = 1\n',
      'docs/adr/0001-record-decisions.md':
        '# 1. Record decisions\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n',
    });
    session = await startSession({ root, pull: true, server: { rules: markdownRules } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  async function pl402(): Promise<string[]> {
    return summary((await session.pullFull('services/billing/pyproject.toml')).items).filter((line) => line.startsWith('PL402'));
  }

  test('creating and deleting CHANGELOG.md makes PL402 disappear and reappear', async () => {
    assert.deepEqual(await pl402(), [BILLING_PL402]);
    await session.writeFile('services/billing/CHANGELOG.md', changelogTemplate());
    assert.deepEqual(await pl402(), []);
    fs.rmSync(path.join(root, 'services/billing/CHANGELOG.md'));
    await session.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: session.uri('services/billing/CHANGELOG.md'), type: FileChangeType.Deleted }],
    });
    assert.deepEqual(await pl402(), [BILLING_PL402]);
  });

  test("Create CHANGELOG.md creates it in the active file's component root, and opens an existing one instead", async () => {
    const created = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.createChangelog, [
      session.uri('services/billing/src/billing/app.py'),
    ])) as CommandLocation;
    assert.deepEqual(created, { uri: session.uri('services/billing/CHANGELOG.md'), line: 8, character: 0, applied: true });
    assert.equal(fs.readFileSync(path.join(root, 'services/billing/CHANGELOG.md'), 'utf8'), changelogTemplate());
    fs.writeFileSync(path.join(root, 'services/billing/CHANGELOG.md'), '# Mine\n');
    const existing = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.createChangelog, [
      session.uri('services/billing/pyproject.toml'),
    ])) as CommandLocation;
    assert.deepEqual(existing, { uri: session.uri('services/billing/CHANGELOG.md'), line: 0, character: 0, applied: false, existed: true });
    assert.equal(fs.readFileSync(path.join(root, 'services/billing/CHANGELOG.md'), 'utf8'), '# Mine\n');
  });

  test('Add CHANGELOG Entry edits the nearest changelog and points at the new entry', async () => {
    const result = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.addChangelogEntry, [
      session.uri('docs/adr/0001-record-decisions.md'),
      'security',
      'Rotate keys',
    ])) as CommandLocation;
    assert.deepEqual(result, { uri: session.uri('CHANGELOG.md'), line: 11, character: 2, applied: true });
    assert.match(
      fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
      /## \[Unreleased\]\n\n### Security\n\n- Rotate keys \(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z(, [^)]+)?\)\n$/,
    );
  });

  test('New ADR, Supersede ADR and the index go through one workspace edit each', async () => {
    const created = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.newAdr, [session.uri('CHANGELOG.md'), 'Use gRPC', 'nygard'])) as CommandLocation;
    assert.deepEqual(created, { uri: session.uri('docs/adr/0002-use-grpc.md'), line: 10, character: 0, applied: true });
    await session.writeFile('docs/adr/0002-use-grpc.md', fs.readFileSync(path.join(root, 'docs/adr/0002-use-grpc.md'), 'utf8'));

    const listed = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.listAdrs, [session.uri('CHANGELOG.md')])) as AdrSummary[];
    assert.deepEqual(
      listed.map((adr) => `${adr.number} ${adr.title} ${adr.status}`),
      ['1 Record decisions Accepted', '2 Use gRPC Proposed'],
    );

    const superseding = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.supersedeAdr, [
      session.uri('CHANGELOG.md'),
      1,
      'Record decisions in MADR',
    ])) as CommandLocation;
    assert.equal(superseding.uri, session.uri('docs/adr/0003-record-decisions-in-madr.md'));
    assert.match(
      fs.readFileSync(path.join(root, 'docs/adr/0001-record-decisions.md'), 'utf8'),
      /## Status\n\nSuperseded by \[0003\. Record decisions in MADR\]\(0003-record-decisions-in-madr\.md\)\n/,
    );

    const indexed = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.generateAdrIndex, [session.uri('CHANGELOG.md')])) as CommandLocation;
    assert.equal(indexed.uri, session.uri('docs/adr/README.md'));
    assert.match(fs.readFileSync(path.join(root, 'docs/adr/README.md'), 'utf8'), /\| 0002 \| \[Use gRPC\]\(0002-use-grpc\.md\) \| Proposed \|/);
  });

  test('Supersede ADR refuses a record that is already superseded and changes nothing', async () => {
    await session.writeFile('docs/adr/0001-record-decisions.md', fs.readFileSync(path.join(root, 'docs/adr/0001-record-decisions.md'), 'utf8'));
    await session.writeFile('docs/adr/0003-record-decisions-in-madr.md', fs.readFileSync(path.join(root, 'docs/adr/0003-record-decisions-in-madr.md'), 'utf8'));
    const before = fs.readdirSync(path.join(root, 'docs/adr')).sort();
    const old = fs.readFileSync(path.join(root, 'docs/adr/0001-record-decisions.md'), 'utf8');
    await assert.rejects(session.executeCommand(MARKDOWN_SERVER_COMMANDS.supersedeAdr, [session.uri('CHANGELOG.md'), 1, 'Record decisions in a wiki']), {
      message:
        'Request workspace/executeCommand failed with message: 0001-record-decisions.md is already superseded by 0003-record-decisions-in-madr.md; supersede 0003-record-decisions-in-madr.md instead, or remove the "Superseded by" link first. Nothing was changed.',
    });
    assert.deepEqual(fs.readdirSync(path.join(root, 'docs/adr')).sort(), before);
    assert.equal(fs.readFileSync(path.join(root, 'docs/adr/0001-record-decisions.md'), 'utf8'), old);
  });

  test('New ADR without a template follows the folder: its records are Nygard, so is the new one', async () => {
    const created = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.newAdr, [session.uri('CHANGELOG.md'), 'Use Protobuf'])) as CommandLocation;
    assert.equal(created.uri, session.uri('docs/adr/0004-use-protobuf.md'));
    assert.match(
      fs.readFileSync(path.join(root, 'docs/adr/0004-use-protobuf.md'), 'utf8'),
      /^# 4\. Use Protobuf\n\nDate: \d{4}-\d{2}-\d{2}\n\n## Status\n\nProposed\n/,
    );
  });
});

describe('language server: ADR commands in a log4brains folder', () => {
  let root: string;
  let session: Session;
  const accepted =
    '# Use NATS\n\n- Status: accepted\n- Date: 2024-01-15\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n- NATS\n\n## Decision Outcome\n\nChosen option: "NATS".\n';

  before(async () => {
    root = makeWorkspace({
      '.log4brains.yml': 'project:\n  name: shop\n  adrFolder: ./docs/adr\n',
      'docs/adr/20240115-use-nats.md': accepted,
      'docs/adr/index.md': '# Decisions\n',
    });
    session = await startSession({ root, pull: true, server: { rules: markdownRules } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('lists dated records by file name, supersedes one by it and names the new record by date', async () => {
    const listed = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.listAdrs, [session.uri('docs/adr/index.md')])) as AdrSummary[];
    assert.deepEqual(
      listed.map((adr) => [adr.number, adr.id, adr.title, adr.status]),
      [[undefined, '20240115-use-nats', 'Use NATS', 'accepted']],
    );

    const superseding = (await session.executeCommand(MARKDOWN_SERVER_COMMANDS.supersedeAdr, [
      session.uri('docs/adr/index.md'),
      '20240115-use-nats',
      'Use Kafka',
    ])) as CommandLocation;
    const name = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-use-kafka.md`;
    assert.equal(superseding.uri, session.uri(`docs/adr/${name}`));
    assert.match(
      fs.readFileSync(path.join(root, `docs/adr/${name}`), 'utf8'),
      /^# Use Kafka\n\n\* Status: proposed\n\* Date: \d{4}-\d{2}-\d{2}\n\nSupersedes \[Use NATS\]\(20240115-use-nats\.md\)\n/,
    );
    assert.equal(
      fs.readFileSync(path.join(root, 'docs/adr/20240115-use-nats.md'), 'utf8'),
      accepted.replace('- Status: accepted', `- Status: superseded by [Use Kafka](${name})`),
    );
  });
});
