import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

const SHA = 'a'.repeat(64);
// Compliant with the Dockerfile rules; its only problem is the suppression that silences nothing.
const DOCKERFILE = [
  '# plumbline: disable-next-line PL504',
  `FROM python:3.12.7-slim@sha256:${SHA}`,
  'USER 65532:65532',
  'HEALTHCHECK CMD ["python", "-c", "import sys; sys.exit(0)"]',
  'CMD ["python", "-m", "app"]',
  '',
].join('\n');

const FILES = {
  '.plumbline.yaml': configEnabling(['PL504', 'PL505'], ['  PL999: warning']),
  Dockerfile: DOCKERFILE,
  'services/api/notes.txt': 'not a kind Plumbline checks\n',
};

const UNKNOWN_RULE = 'Unknown rule "PL999".';
const UNUSED = 'Unused suppression: PL504 reports nothing here; remove it.';

describe('plumbline check output formats', () => {
  let root: string;
  before(() => {
    root = makeWorkspace(FILES);
  });
  after(() => removeWorkspace(root));

  it('text: one line per problem, sorted by file, then a summary', async () => {
    const run = await runInProcess(['check'], root);
    assert.equal(
      run.stdout,
      [
        `.plumbline.yaml:2:3: error PL504 ${UNKNOWN_RULE} [config/invalid]`,
        `Dockerfile:1:32: warning PL505 ${UNUSED} [config/unused-suppression]`,
        '✖ 2 problems (1 error, 1 warning, 0 infos) in 2 files (workspace root: .); 1 fixable with --fix',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
  });

  it('text: colour only when asked for', async () => {
    const { runCli } = await import('../../server/src/cli/main');
    let stdout = '';
    await runCli(['check', 'Dockerfile'], {
      cwd: root,
      color: true,
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => {},
    });
    assert.match(stdout, /\u001b\[33mwarning\u001b\[0m/);
    const plain = await runInProcess(['check', 'Dockerfile'], root);
    assert.doesNotMatch(plain.stdout, /\u001b/);
  });

  it('waits for a slow reader to drain before writing more, and loses nothing', async () => {
    const { runCli } = await import('../../server/src/cli/main');
    let stdout = '';
    const events: string[] = [];
    const status = await runCli(['check', 'Dockerfile', '--format', 'sarif'], {
      cwd: root,
      stdout: (t) => {
        stdout += t;
        events.push('write');
        return false;
      },
      stderr: () => {},
      drained: async () => {
        events.push('drained');
      },
    });
    assert.equal(status, 1);
    assert.equal(stdout, (await runInProcess(['check', 'Dockerfile', '--format', 'sarif'], root)).stdout);
    assert.ok(events.length >= 2);
    assert.deepEqual(
      events,
      events.map((_, index) => (index % 2 === 0 ? 'write' : 'drained')),
    );
  });

  it('json: one object with a summary and 1-based diagnostics', async () => {
    const run = await runInProcess(['check', '--format', 'json'], root);
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout), {
      version: 1,
      root,
      summary: { files: 2, errors: 1, warnings: 1, infos: 0, fixable: 1, unsafeFixable: 0, failures: 0 },
      failures: [],
      diagnostics: [
        {
          file: '.plumbline.yaml',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 8,
          code: 'PL504',
          rule: 'config/invalid',
          severity: 'error',
          message: UNKNOWN_RULE,
          fixable: false,
          fix: null,
        },
        {
          file: 'Dockerfile',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 37,
          code: 'PL505',
          rule: 'config/unused-suppression',
          severity: 'warning',
          message: UNUSED,
          fixable: true,
          fix: { title: 'Remove unused suppression of PL504', applicability: 'safe' },
        },
      ],
    });
  });

  it('json: paths are relative to the current directory, even above it', async () => {
    const run = await runInProcess(['check', '--format=json', '..'], path.join(root, 'services'));
    const files = JSON.parse(run.stdout).diagnostics.map((d: { file: string }) => d.file);
    assert.deepEqual(files, ['../.plumbline.yaml', '../Dockerfile']);
  });

  it('sarif: SARIF 2.1.0 with rule metadata, results, locations and fixes', async () => {
    const run = await runInProcess(['check', '--format', 'sarif'], root);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'plumbline');
    assert.match(sarifRun.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.match(sarifRun.tool.driver.informationUri, /^file:\/\/.*\/docs\/rules\/README\.md$/);
    assert.deepEqual(sarifRun.originalUriBaseIds, {
      '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href },
      WORKSPACEROOT: {
        uri: pathToFileURL(root + path.sep).href,
        description: { text: 'The workspace root the run used: configuration and cross-file facts come from here.' },
      },
    });

    assert.deepEqual(sarifRun.invocations, [{ executionSuccessful: true }]);

    const rules = sarifRun.tool.driver.rules;
    const unusedIndex = rules.findIndex((rule: { id: string }) => rule.id === 'PL505');
    const unused = rules[unusedIndex];
    assert.equal(unused.name, 'config/unused-suppression');
    assert.match(unused.shortDescription.text, /suppresses nothing/);
    assert.ok(unused.fullDescription.text.length > 0);
    assert.match(unused.helpUri, /^file:\/\/.*\/docs\/rules\/PL505-unused-suppression\.md$/);
    assert.match(unused.help.text, /RUF100/);
    assert.match(unused.help.markdown, /^# PL505 config\/unused-suppression\n/);
    assert.deepEqual(unused.defaultConfiguration, { level: 'warning', enabled: true });

    const [configResult, dockerResult] = sarifRun.results;
    assert.equal(configResult.ruleId, 'PL504');
    assert.equal(configResult.level, 'error');
    assert.equal(configResult.message.text, UNKNOWN_RULE);
    assert.equal(rules[configResult.ruleIndex].id, 'PL504');
    assert.equal(configResult.fixes, undefined);
    assert.deepEqual(configResult.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: '.plumbline.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 8 },
        },
      },
    ]);
    assert.equal(dockerResult.ruleId, 'PL505');
    assert.equal(dockerResult.ruleIndex, unusedIndex);
    assert.equal(dockerResult.level, 'warning');
    assert.equal(dockerResult.locations[0].physicalLocation.artifactLocation.uri, 'Dockerfile');
    assert.deepEqual(dockerResult.fixes, [
      {
        description: { text: 'Remove unused suppression of PL504' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: '' } }],
          },
        ],
        properties: { applicability: 'safe' },
      },
    ]);
  });

  it('--quiet reports errors only', async () => {
    const run = await runInProcess(['check', '--quiet'], root);
    assert.equal(
      run.stdout,
      `.plumbline.yaml:2:3: error PL504 ${UNKNOWN_RULE} [config/invalid]\n✖ 1 problem (1 error, 0 warnings, 0 infos) in 2 files (workspace root: .)\n`,
    );
  });

  it('a clean file: exit 0 and a tick', async () => {
    const clean = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL504', 'PL505']),
      Dockerfile: DOCKERFILE.split('\n').slice(1).join('\n'),
    });
    try {
      const run = await runInProcess(['check'], clean);
      assert.equal(run.stdout, '✔ No problems in 2 files (workspace root: .)\n');
      assert.equal(run.status, 0);
    } finally {
      removeWorkspace(clean);
    }
  });
});

describe('plumbline check with the Dockerfile rules', () => {
  let root: string;
  before(() => {
    root = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL102', 'PL106']),
      'docker/api/Dockerfile': 'FROM node:latest\nCMD node server.js\n',
    });
  });
  after(() => removeWorkspace(root));

  it("json: the offending tokens, 1-based, with fixability and the fix's applicability", async () => {
    const run = await runInProcess(['check', '--format', 'json'], root);
    const diagnostics = JSON.parse(run.stdout).diagnostics;
    assert.deepEqual(
      diagnostics.map(({ message, ...rest }: { message: string }) => rest),
      [
        {
          file: 'docker/api/Dockerfile',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          code: 'PL102',
          rule: 'docker/pinned-base-image',
          severity: 'warning',
          fixable: false,
          fix: null,
        },
        {
          file: 'docker/api/Dockerfile',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 19,
          code: 'PL106',
          rule: 'docker/exec-form',
          severity: 'warning',
          fixable: false,
          fix: { title: 'Rewrite CMD in exec form', applicability: 'unsafe' },
        },
      ],
    );
    assert.match(diagnostics[0].message, /"node:latest".*floating tag "latest"/);
    assert.equal(run.status, 0);
  });

  it('--fix leaves the unsafe exec-form rewrite; --unsafe-fixes applies it and leaves the unfixable problem', async () => {
    const safeOnly = await runInProcess(['check', '--fix'], root);
    assert.match(safeOnly.stdout, /in 2 files \(workspace root: \.\); 1 fixable with --fix --unsafe-fixes\n$/);
    assert.equal(fs.readFileSync(path.join(root, 'docker/api/Dockerfile'), 'utf8'), 'FROM node:latest\nCMD node server.js\n');
    const fixed = await runInProcess(['check', '--fix', '--unsafe-fixes', '--format', 'json'], root);
    assert.deepEqual(
      JSON.parse(fixed.stdout).diagnostics.map((d: { code: string }) => d.code),
      ['PL102'],
    );
    assert.equal(fs.readFileSync(path.join(root, 'docker/api/Dockerfile'), 'utf8'), 'FROM node:latest\nCMD ["node", "server.js"]\n');
    const again = await runInProcess(['check'], root);
    assert.match(
      again.stdout,
      /^docker\/api\/Dockerfile:1:6: warning PL102 .* \[docker\/pinned-base-image\]\n✖ 1 problem \(0 errors, 1 warning, 0 infos\) in 2 files \(workspace root: \.\)\n$/,
    );
  });
});
