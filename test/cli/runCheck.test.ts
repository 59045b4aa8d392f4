import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/checkRun';
import { formatJson } from '../../server/src/cli/formats/json';
import { formatSarif } from '../../server/src/cli/formats/sarif';
import { allRules, findRule } from '../../server/src/rules';
import { crashingRule } from '../helpers/crashingRule';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling } from './cliRunner';

/** The output of a streamed format, parsed. */
const parsed = (pieces: Iterable<string>) => JSON.parse([...pieces].join(''));

const crashing = crashingRule('PL900', ['dockerfile'], 'parser exploded');

describe('runCheck in process', () => {
  it('reports a rule that throws as a failure and keeps the other rules\' problems', () => {
    const root = makeWorkspace({ 'Dockerfile': 'FROM scratch # plumbline: disable-line PL504\n' });
    try {
      const report = runCheck({ cwd: root, paths: [], rules: [crashing, findRule('PL504')!, findRule('PL505')!] });
      assert.deepEqual(
        report.failures.map(({ file, code, message }) => ({ file, code, firstLine: message.split('\n')[0] })),
        [{ file: 'Dockerfile', code: 'PL900', firstLine: 'Error: parser exploded' }],
      );
      assert.deepEqual(report.diagnostics.map((d) => d.diagnostic.code), ['PL505']);
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
    } finally {
      removeWorkspace(root);
    }
  });

  it('counts hints as infos and gives them the SARIF level "note"', () => {
    const root = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL504', 'PL505'], ['  PL505: hint']),
      'Dockerfile': 'FROM scratch # plumbline: disable-line PL504\n',
    });
    try {
      const report = runCheck({ cwd: root, paths: ['Dockerfile'] });
      const json = parsed(formatJson(report));
      assert.deepEqual(json.summary, { files: 2, errors: 0, warnings: 0, infos: 1, fixable: 1, unsafeFixable: 0 }, 'the Dockerfile and its .plumbline.yaml');
      assert.equal(json.diagnostics[0].severity, 'hint');
      assert.equal(parsed(formatSarif(report, allRules)).runs[0].results[0].level, 'note');
    } finally {
      removeWorkspace(root);
    }
  });
});
