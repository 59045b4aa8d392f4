import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { configRules } from '../../server/src/rules/config';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const SUPPRESSION = '  # plumbline: disable-line PL401';

describe('language server, push fallback for clients without pull diagnostics', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      'tools/report.py': `import os${SUPPRESSION}\n`,
      'tools/never_opened.py': `x = 1${SUPPRESSION}\n`,
      'tools/clean.py': 'print("ok")\n',
    });
    session = await startSession({ root, pull: false, server: { rules: configRules } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('announces no diagnostic provider', () => {
    assert.equal(session.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  test('pushes the problems of files that were never opened', async () => {
    assert.deepEqual(summary(await session.publishedFor('tools/never_opened.py', (_d, version) => version === undefined)), [
      'PL505 1:34-1:39 Unused suppression: PL401 reports nothing here; remove it.',
    ]);
  });

  test('pushes for an open buffer, and again after each edit', async () => {
    await session.open('tools/report.py', `import os${SUPPRESSION}\n`, 'python');
    assert.deepEqual(summary(await session.publishedFor('tools/report.py')), ['PL505 1:38-1:43 Unused suppression: PL401 reports nothing here; remove it.']);
    await session.change('tools/report.py', `import os\nimport sys${SUPPRESSION}\n`);
    assert.deepEqual(summary(await session.publishedFor('tools/report.py')), ['PL505 2:39-2:44 Unused suppression: PL401 reports nothing here; remove it.']);
  });

  test('an edit that changes no diagnostic still publishes for the new version', async () => {
    const before = await session.publishedFor('tools/report.py');
    await session.change('tools/report.py', ' as operating_system', { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } });
    assert.equal(session.text('tools/report.py'), `import os as operating_system\nimport sys${SUPPRESSION}\n`);
    assert.deepEqual(summary(await session.publishedFor('tools/report.py')), summary(before));
  });

  test('closing a buffer goes back to the file on disk', async () => {
    await session.change('tools/report.py', 'import os\n');
    assert.deepEqual(await session.publishedFor('tools/report.py'), []);
    const since = session.published.events.length;
    await session.close('tools/report.py');
    const fromDisk = await session.published.next((event) => event.uri === session.uri('tools/report.py'), since);
    assert.equal(fromDisk.version, undefined);
    assert.deepEqual(summary(fromDisk.diagnostics), ['PL505 1:38-1:43 Unused suppression: PL401 reports nothing here; remove it.']);
  });
});
