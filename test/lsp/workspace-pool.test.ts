import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { PoolSettings } from '../../server/src/lsp/pooledPass';
import { removeWorkspace } from '../helpers/workspace';
import { exampleWorkspace, startSession, summary, type Session } from './harness';

/** Two threads however few the files, so that a small workspace goes through the pool. */
const FORCED_POOL: PoolSettings = { jobs: 2, minFilesPerWorker: 1 };
const IN_PROCESS: PoolSettings = { jobs: 1 };
const onWorkers = (message: string) => /^Checking \d+ files of .* on 2 worker threads\.$/.test(message);

/** Relative path → the items of a full report, for every file of a workspace answer. */
function byFile(session: Session, items: readonly WorkspaceDocumentDiagnosticReport[]): Map<string, string[]> {
  const reports = new Map<string, string[]>();
  for (const report of items) {
    assert.equal(report.kind, 'full', report.uri);
    if (report.kind === 'full') reports.set(path.relative(session.root, new URL(report.uri).pathname), summary(report.items));
  }
  return reports;
}

/** The first workspace pass of a fresh server, after `prepare` (opening buffers, say); and what the server logged. */
async function firstPass(root: string, pool: PoolSettings, prepare: (session: Session) => Promise<void> = async () => undefined) {
  const session = await startSession({ root, pull: true, server: { pool } });
  try {
    await prepare(session);
    const { items } = await session.workspaceDiagnostics();
    return { reports: byFile(session, items), logs: [...session.logs.events] };
  } finally {
    await session.stop();
  }
}

describe('language server, the workspace pass on worker threads', () => {
  let root: string;

  before(() => {
    root = exampleWorkspace();
  });

  after(() => removeWorkspace(root));

  test('reports exactly what the in-process pass reports', async () => {
    const pooled = await firstPass(root, FORCED_POOL);
    const inProcess = await firstPass(root, IN_PROCESS);
    assert.ok(pooled.logs.some(onWorkers), 'the pool linted the closed files');
    assert.ok(!inProcess.logs.some(onWorkers));
    assert.deepEqual(pooled.reports, inProcess.reports);
    assert.ok(pooled.reports.size > 60);
    assert.deepEqual(
      pooled.reports.get('compose.yaml')?.filter((item) => item.startsWith('PL207')),
      ['PL207 48:9-48:20 Host port 8081/tcp of service "worker" is not in the port registry PortRegistry.md; register it there.'],
    );
  });

  test('an unsaved buffer stands for its file: its findings and those of the files that read its facts', async () => {
    const registry = fs.readFileSync(path.join(root, 'PortRegistry.md'), 'utf8');
    const withWorker = registry.replace('| 8100 | billing ', '| 8081 | worker     | tcp      | platform   | worker metrics               |\n| 8100 | billing ');
    assert.notEqual(withWorker, registry);
    const openRegistry = async (session: Session) => session.open('PortRegistry.md', withWorker, 'markdown');
    const pooled = await firstPass(root, FORCED_POOL, openRegistry);
    const inProcess = await firstPass(root, IN_PROCESS, openRegistry);
    assert.deepEqual(
      pooled.reports.get('compose.yaml')?.filter((item) => item.startsWith('PL207')),
      [],
    );
    assert.deepEqual(pooled.reports, inProcess.reports);
    assert.ok(!pooled.logs.some(onWorkers), 'a folder with an unsaved buffer is checked in-process');
  });

  test('a saved buffer does not keep the pass off the pool', async () => {
    const openSaved = async (session: Session) => session.open('PortRegistry.md', undefined, 'markdown');
    const pooled = await firstPass(root, FORCED_POOL, openSaved);
    assert.ok(pooled.logs.some(onWorkers));
    assert.deepEqual(pooled.reports, (await firstPass(root, IN_PROCESS)).reports);
  });
});
