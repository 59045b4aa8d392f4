import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defineRule } from '../../server/src/engine/rule';
import type { FactProvider } from '../../server/src/engine/workspaceIndex';
import { configRules } from '../../server/src/rules/config';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

/** Whether a Markdown file says "freeze": a cross-file fact, as PortRegistry.md is for Compose files. */
const freezeFacts: FactProvider<boolean> = {
  id: 'test/freeze',
  appliesTo: (file) => file.kind === 'markdown',
  extract: (document) => document.text.includes('freeze'),
};

const frozen = defineRule({
  meta: {
    code: 'PL991',
    name: 'test/frozen',
    summary: 'Python files while a Markdown file declares a freeze.',
    severity: 'warning',
    policy: 'None.',
    fixable: 'no',
    kinds: ['python'],
    docs: { language: 'python', rationale: 'For tests.', bad: '', good: '' },
  },
  check(context) {
    if (context.index.facts(freezeFacts).some(({ facts }) => facts)) {
      context.report({ message: 'Code freeze: do not change this file.', range: context.document.lineRange(0) });
    }
  },
});

describe('cross-file facts through the language server', () => {
  let root: string;
  let session: Session;
  const reportOf = async (file: string) => {
    const { items } = await session.workspaceDiagnostics();
    const report = items.find((item) => item.uri === session.uri(file));
    assert.ok(report && report.kind === 'full');
    return summary(report.items);
  };

  before(async () => {
    root = makeWorkspace({ 'NOTES.md': 'All clear.\n', 'tools/closed.py': 'x = 1\n', 'tools/open.py': 'y = 2\n' });
    session = await startSession({ root, pull: true, server: { rules: [frozen, ...configRules] } });
    await session.open('tools/open.py', 'y = 2\n', 'python');
    await session.open('NOTES.md', 'All clear.\n', 'markdown');
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('typing a fact into a buffer re-checks the open files at once', async () => {
    assert.deepEqual(await reportOf('tools/closed.py'), []);
    await session.change('NOTES.md', 'We freeze on Friday.\n');
    assert.deepEqual(summary((await session.pullFull('tools/open.py')).items), ['PL991 1:1-1:6 Code freeze: do not change this file.']);
  });

  test('closed files are re-checked when the buffer is saved, not on every keystroke', async () => {
    assert.deepEqual(await reportOf('tools/closed.py'), []);
    await session.save('NOTES.md');
    assert.deepEqual(await reportOf('tools/closed.py'), ['PL991 1:1-1:6 Code freeze: do not change this file.']);
  });
});
