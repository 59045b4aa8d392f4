import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { changelogTemplate } from '../../server/src/workflows/changelog';
import { configEnabling, runInProcess } from '../cli/cliRunner';
import { commitAll, git, makeGitRepository } from '../helpers/git';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const LEGACY = 'print("legacy")\nprint("legacy")\n';

describe('language server and .plumbline-baseline.json', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ '.plumbline.yaml': configEnabling(['PL303']), 'jobs/legacy.py': LEGACY });
    await runInProcess(['check', '--write-baseline'], root);
    session = await startSession({ root, pull: true });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('hides the findings check --write-baseline accepted, also when lines above move them', async () => {
    await session.open('jobs/legacy.py', LEGACY, 'python');
    assert.deepEqual((await session.pullFull('jobs/legacy.py')).items, []);
    await session.change('jobs/legacy.py', `import logging\n\n${LEGACY}`);
    assert.deepEqual((await session.pullFull('jobs/legacy.py')).items, []);
  });

  test('shows a new identical finding: the one past the accepted count', async () => {
    await session.change('jobs/legacy.py', `import logging\n\n${LEGACY}print("legacy")\n`);
    assert.deepEqual(summary((await session.pullFull('jobs/legacy.py')).items), [
      "PL303 5:1-5:6 print() in non-test code; log with logger.info(...) so the output has a level and reaches the service's log handlers.",
    ]);
  });

  test('follows the file on disk: an emptied baseline shows every finding', async () => {
    await session.writeFile('.plumbline-baseline.json', '{ "version": 1, "files": {} }\n');
    assert.equal((await session.pullFull('jobs/legacy.py')).items.length, 3);
  });
});

describe('language server and plumbline.changedSince (PL406)', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeGitRepository({
      '.plumbline.yaml': configEnabling(['PL406']),
      'CHANGELOG.md': changelogTemplate(),
      'services/billing/pyproject.toml': '[project]\nname = "billing"\n',
      'services/billing/CHANGELOG.md': changelogTemplate(),
      'services/billing/app.py': 'x = 1\n',
    });
    git(root, 'checkout', '-q', '-b', 'feature');
    session = await startSession({ root, pull: true });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('off without the setting; with it, a changed component whose CHANGELOG gained no entry is reported', async () => {
    await session.writeFile('services/billing/app.py', 'x = 2\n');
    commitAll(root, 'Billing: x is 2');
    assert.deepEqual((await session.pullFull('services/billing/CHANGELOG.md')).items, []);
    await session.changeSettings({ changedSince: 'main' });
    assert.deepEqual(summary((await session.pullFull('services/billing/CHANGELOG.md')).items), [
      'PL406 1:1-1:12 services/billing changed since main (app.py) but its CHANGELOG.md gained no entry; add one under [Unreleased].',
    ]);
  });

  test('an entry typed into the open CHANGELOG satisfies it at once', async () => {
    await session.open('services/billing/CHANGELOG.md', changelogTemplate(), 'markdown');
    await session.change('services/billing/CHANGELOG.md', `${changelogTemplate()}\n### Changed\n\n- x is 2\n`);
    assert.deepEqual((await session.pullFull('services/billing/CHANGELOG.md')).items, []);
  });

  test('an unknown ref is logged and PL406 stays silent', async () => {
    const logged = session.logs.next((message) => message.includes('plumbline.changedSince'));
    await session.changeSettings({ changedSince: 'no-such-branch' });
    assert.deepEqual((await session.pullFull('services/billing/CHANGELOG.md')).items, []);
    assert.match(await logged, /^plumbline\.changedSince: cannot compare with "no-such-branch": .+; PL406 reports nothing until that is fixed\.$/);
  });
});
