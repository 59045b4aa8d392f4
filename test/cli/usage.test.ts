import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliCommands } from '../../server/src/cli/commands';
import { allRules } from '../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess, spawnCli } from './cliRunner';

describe('plumbline usage errors exit with status 2 and say what to do', () => {
  let root: string;
  before(() => {
    root = makeWorkspace({ '.plumbline.yaml': configEnabling(['PL504', 'PL505']), Dockerfile: 'FROM scratch\n' });
  });
  after(() => removeWorkspace(root));

  const cases: Array<{ args: string[]; stderr: string }> = [
    { args: ['lint'], stderr: /^plumbline: unknown command "lint" \(commands: check[^)]*\)\. Run "plumbline --help" for usage\.\n$/.source },
    { args: ['check', '--colour'], stderr: `^plumbline check: Unknown option '--colour'\\. Run "plumbline check --help" for usage\\.\\n$` },
    { args: ['check', '--format', 'xml'], stderr: '^plumbline check: unknown format "xml"; use text, json or sarif\\.\\n$' },
    { args: ['check', '--format'], stderr: "^plumbline check: Option '--format <value>' argument missing\\. Run" },
    { args: ['check', 'missing/'], stderr: '^plumbline check: no such file or directory: missing/\\n$' },
    { args: ['check', '--config', 'nope.yaml'], stderr: '^plumbline check: configuration file not found: nope\\.yaml\\n$' },
  ];
  for (const { args, stderr } of cases) {
    it(`plumbline ${args.join(' ')}`, async () => {
      const run = await runInProcess(args, root);
      assert.match(run.stderr, new RegExp(stderr));
      assert.equal(run.stdout, '');
      assert.equal(run.status, 2);
    });
  }

  it('no command prints the help on stderr', async () => {
    const run = await runInProcess([], root);
    assert.match(run.stderr, /^Usage: plumbline <command> \[options\]/);
    assert.equal(run.status, 2);
  });
});

describe('plumbline help and version', () => {
  it('--help lists every command with its summary', async () => {
    const run = await runInProcess(['--help'], process.cwd());
    assert.equal(run.status, 0);
    for (const command of cliCommands) assert.ok(run.stdout.includes(`  ${command.name}`), command.name);
    assert.match(run.stdout, /check +Check files or directories against the policy/);
  });

  it('--help names the range of rule codes there are', async () => {
    const run = await runInProcess(['--help'], process.cwd());
    const codes = allRules.map((rule) => rule.meta.code);
    assert.ok(run.stdout.includes(`(rules ${codes[0]}…${codes[codes.length - 1]})`), run.stdout);
  });

  it("check --help and help check print the command's usage", async () => {
    const help = await runInProcess(['check', '--help'], process.cwd());
    assert.match(help.stdout, /^Usage: plumbline check \[paths…\] \[options\]\n/);
    assert.match(help.stdout, /--format <format>/);
    assert.match(help.stdout, /Exit status: 0 when no problem is an error, 1 when one is, 2 for a usage/);
    assert.equal(help.status, 0);
    assert.equal((await runInProcess(['help', 'check'], process.cwd())).stdout, help.stdout);
  });
});

describe('the CLI as a separate process', () => {
  let root: string;
  before(() => {
    root = makeWorkspace({
      '.plumbline.yaml': configEnabling(['PL504', 'PL505']),
      'clean/Dockerfile': 'FROM scratch\n',
      'broken/Dockerfile': 'FROM scratch\n# plumbline: disable-next-line PL504\nCOPY . /\n',
    });
  });
  after(() => removeWorkspace(root));

  it('exit 0 without errors, plain text when stdout is not a terminal', () => {
    const run = spawnCli(['check', 'clean', 'broken'], root, { FORCE_COLOR: '1' });
    assert.equal(
      run.stdout,
      'broken/Dockerfile:2:32: warning PL505 Unused suppression: PL504 reports nothing here; remove it. [config/unused-suppression]\n' +
        '✖ 1 problem (0 errors, 1 warning, 0 infos) in 3 files (workspace root: .); 1 fixable with --fix\n',
    );
    assert.equal(run.status, 0);
  });

  it('exit 1 with an error', () => {
    const strict = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL505: error\n', Dockerfile: 'FROM scratch # plumbline: disable-line PL504\n' });
    try {
      const failing = spawnCli(['check', '--format', 'json', 'Dockerfile'], strict);
      assert.equal(JSON.parse(failing.stdout).summary.errors, 1);
      assert.equal(failing.status, 1);
    } finally {
      removeWorkspace(strict);
    }
  });

  it('exit 2 for an unknown command, and bin/plumbline.js --version prints the version', () => {
    const unknown = spawnCli(['frobnicate'], root);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const version = spawnCli(['--version'], root, {}, true);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(version.status, 0);
  });
});
