import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

const CONFIG = configEnabling(['PL504', 'PL505']);

describe('plumbline check --fix', () => {
  it('rewrites the files it fixes, reports what remains, and a second run is clean', async () => {
    const root = makeWorkspace({
      '.plumbline.yaml': CONFIG,
      'docker/Dockerfile': 'FROM scratch\n# plumbline: disable-next-line PL504, PL505\nCOPY app /app\n',
      'docker/clean.Dockerfile': 'FROM scratch\n',
    });
    try {
      const cleanBefore = fs.statSync(path.join(root, 'docker/clean.Dockerfile')).mtimeMs;
      const run = await runInProcess(['check', '--fix'], root);
      assert.equal(fs.readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8'), 'FROM scratch\nCOPY app /app\n');
      assert.equal(fs.statSync(path.join(root, 'docker/clean.Dockerfile')).mtimeMs, cleanBefore, 'an unchanged file is not rewritten');
      assert.equal(run.stdout, 'Fixed 2 problems in 1 file.\n✔ No problems in 3 files (workspace root: .)\n');
      assert.equal(run.status, 0);
      const again = await runInProcess(['check'], root);
      assert.equal(again.stdout, '✔ No problems in 3 files (workspace root: .)\n');
    } finally {
      removeWorkspace(root);
    }
  });

  it('keeps a byte order mark and leaves problems without a fix in the report', async () => {
    const root = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL504', 'PL505'], ['  PL999: off']),
      Dockerfile: '\uFEFFFROM scratch # plumbline: disable-line PL504\n',
    });
    try {
      const run = await runInProcess(['check', '--fix', '--format', 'json'], root);
      assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), '\uFEFFFROM scratch\n');
      const report = JSON.parse(run.stdout);
      assert.deepEqual(
        report.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`),
        ['.plumbline.yaml PL504'],
      );
      assert.equal(run.status, 1);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('plumbline check --config', () => {
  it('lints an explicit config file outside the checked paths and still applies its valid parts', async () => {
    const config = configEnabling(['PL504', 'PL505'], ['  PL505: off', '  PL1O1: off']);
    const root = makeWorkspace({
      'ci/lint.yaml': `${config}maxFileSize: lots\n`,
      'src/Dockerfile': 'FROM scratch\n# plumbline: disable-next-line PL504\nCOPY app /app\n',
    });
    try {
      const run = await runInProcess(['check', 'src', '--config', 'ci/lint.yaml'], root);
      const lines = config.split('\n').length;
      assert.equal(
        run.stdout,
        [
          'ci/lint.yaml:3:3: error PL504 Unknown rule "PL1O1". [config/invalid]',
          `ci/lint.yaml:${lines}:14: error PL504 "maxFileSize" must be a positive whole number of bytes. [config/invalid]`,
          '✖ 2 problems (2 errors, 0 warnings, 0 infos) in 2 files (workspace root: src)',
          '',
        ].join('\n'),
        'PL505 is off as configured, so the Dockerfile is clean',
      );
      assert.equal(run.status, 1);
    } finally {
      removeWorkspace(root);
    }
  });

  it('uses the nearest .plumbline.yaml above a named path, and reports its problems', async () => {
    const config = `${configEnabling(['PL504', 'PL505'], ['  PL505: error'])}maxFileSize: 0\n`;
    const root = makeWorkspace({
      'project/.plumbline.yaml': config,
      'project/services/api/Dockerfile': 'FROM scratch # plumbline: disable-line PL504\n',
    });
    try {
      const run = await runInProcess(['check', '--format', 'json', 'project/services'], root);
      assert.deepEqual(
        JSON.parse(run.stdout).diagnostics.map(
          (d: { file: string; line: number; code: string; severity: string }) => `${d.file}:${d.line} ${d.code} ${d.severity}`,
        ),
        [`project/.plumbline.yaml:${config.split('\n').length - 1} PL504 error`, 'project/services/api/Dockerfile:1 PL505 error'],
        'PL505 at the configured severity; the invalid maxFileSize reported although only services/ was named',
      );
    } finally {
      removeWorkspace(root);
    }
  });
});
