import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/checkRun';
import { formatJson } from '../../server/src/cli/formats/json';
import { formatSarif } from '../../server/src/cli/formats/sarif';
import { formatText } from '../../server/src/cli/formats/text';
import { allRules, findRule } from '../../server/src/rules';
import { crashingRule } from '../helpers/crashingRule';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

/** The output of a streamed format, parsed. */
const parsed = (pieces: Iterable<string>) => JSON.parse([...pieces].join(''));

const crashing = crashingRule('PL900', ['dockerfile'], 'parser exploded');

describe('runCheck in process', () => {
  it("reports a rule that throws as a failure and keeps the other rules' problems", async () => {
    const root = makeWorkspace({ Dockerfile: 'FROM scratch # plumbline: disable-line PL504\n' });
    try {
      const report = await runCheck({ cwd: root, paths: [], rules: [crashing, findRule('PL504')!, findRule('PL505')!] });
      assert.deepEqual(
        report.failures.map(({ file, code, message }) => ({ file, code, firstLine: message.split('\n')[0] })),
        [{ file: 'Dockerfile', code: 'PL900', firstLine: 'Error: parser exploded' }],
      );
      assert.deepEqual(
        report.diagnostics.map((d) => d.diagnostic.code),
        ['PL505'],
      );
      assert.equal(report.filesChecked, 1);
      const [invocation] = parsed(formatSarif(report, allRules)).runs[0].invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.deepEqual(invocation.toolExecutionNotifications, [
        {
          level: 'error',
          message: { text: 'Rule PL900 failed; its problems in this file are missing. Error: parser exploded' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' } } }],
          associatedRule: { id: 'PL900' },
        },
      ]);
      const json = parsed(formatJson(report));
      assert.equal(json.summary.failures, 1);
      assert.deepEqual(json.failures, [{ file: 'Dockerfile', code: 'PL900', message: 'Error: parser exploded' }]);
      assert.deepEqual([...formatText(report)].slice(-2), [
        '✖ 1 rule failure (PL900 on Dockerfile): the problems those rules would report are missing; see the errors above.\n',
        '✖ 1 problem (0 errors, 1 warning, 0 infos) in 1 file (workspace root: .); 1 fixable with --fix\n',
      ]);
    } finally {
      removeWorkspace(root);
    }
  });

  it('plumbline check exits 2 and says the check is incomplete when a rule fails, even with no problems', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL402: off\n', 'requirements.txt': 'flask==3.0.0\n' });
    const rule = findRule('PL310')!;
    const check = rule.check;
    rule.check = () => {
      throw new Error('rule bug');
    };
    try {
      const run = await runInProcess(['check'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^internal error: rule PL310 failed on requirements\.txt; its problems there are missing\.\nError: rule bug\n/);
      assert.equal(
        run.stdout,
        '✖ 1 rule failure (PL310 on requirements.txt): the problems those rules would report are missing; see the errors above.\n' +
          'No problems reported in 2 files (workspace root: .), but the check is incomplete.\n',
      );
    } finally {
      rule.check = check;
      removeWorkspace(root);
    }
  });

  it('counts hints as infos and gives them the SARIF level "note"', async () => {
    const root = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL504', 'PL505'], ['  PL505: hint']),
      Dockerfile: 'FROM scratch # plumbline: disable-line PL504\n',
    });
    try {
      const report = await runCheck({ cwd: root, paths: ['Dockerfile'] });
      const json = parsed(formatJson(report));
      assert.deepEqual(
        json.summary,
        { files: 2, errors: 0, warnings: 0, infos: 1, fixable: 1, unsafeFixable: 0, failures: 0 },
        'the Dockerfile and its .plumbline.yaml',
      );
      assert.equal(json.diagnostics[0].severity, 'hint');
      assert.equal(parsed(formatSarif(report, allRules)).runs[0].results[0].level, 'note');
    } finally {
      removeWorkspace(root);
    }
  });
});
