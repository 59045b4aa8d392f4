import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { buildBundle } from './cliRunner';

const repositoryRoot = path.resolve(__dirname, '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}

const action = parse(fs.readFileSync(path.join(repositoryRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};

/** The README's example workflow: the YAML block that uses the action. */
function readmeWorkflow(): { jobs: Record<string, { steps: Step[] }> } {
  const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const workflow = blocks.find((block) => /uses: [\w-]+\/plumbline@/.test(block));
  assert.ok(workflow, 'the README has a workflow that uses the action');
  return parse(workflow);
}

/**
 * Runs the action's steps as the runner would: `${{ inputs.* }}` and
 * `${{ github.action_path }}` in each step's env resolved, GITHUB_ENV carried
 * from step to step, bash with `-eo pipefail`.
 */
function runAction(workspace: string, inputs: Record<string, string>): { status: number; output: string } {
  const githubEnv = path.join(workspace, '..', `github-env-${path.basename(workspace)}`);
  fs.writeFileSync(githubEnv, '');
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? '']));
  const resolve = (text: string) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'github.action_path') return repositoryRoot;
      if (expression.startsWith('inputs.') && expression.slice(7) in values) return values[expression.slice(7)]!;
      throw new Error(`the test does not know the expression ${expression}`);
    });
  let output = '';
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const carried = Object.fromEntries(
      fs
        .readFileSync(githubEnv, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    const env = { ...process.env, ...carried, GITHUB_ENV: githubEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)])) };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: workspace, env, encoding: 'utf8' });
    output += result.stdout + result.stderr;
    if (result.status !== 0) return { status: result.status ?? -1, output };
  }
  fs.rmSync(githubEnv);
  return { status: 0, output };
}

describe('the GitHub Action (action.yml) and the README workflow', () => {
  let workspace: string;

  before(() => {
    buildBundle();
    workspace = makeWorkspace({
      'services/api/Dockerfile': 'FROM python:3.12-slim\nENV API_TOKEN=change-me\nCMD ["python", "-m", "http.server"]\n',
      'tools/report.py': '"""Report."""\n',
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      '.plumbline.yaml': 'rules:\n  PL402: off\n',
    });
    fs.mkdirSync(path.join(workspace, '.git'));
  });
  after(() => removeWorkspace(workspace));

  it('is a composite action with the inputs the README names', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'args', 'sarif-file']);
    const steps = readmeWorkflow().jobs.plumbline!.steps;
    const plumbline = steps.find((step) => step.uses?.includes('/plumbline@'))!;
    for (const input of Object.keys(plumbline.with ?? {})) assert.ok(input in action.inputs, `input ${input} exists`);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with?.sarif_file, plumbline.with?.['sarif-file'] ?? action.inputs['sarif-file']!.default);
    assert.equal(upload.if, 'always()', 'the SARIF is uploaded when the check step fails');
  });

  it('writes SARIF with every finding and fails the step on an error, with the README inputs', () => {
    const inputs = readmeWorkflow().jobs.plumbline!.steps.find((step) => step.uses?.includes('/plumbline@'))!.with!;
    const { status, output } = runAction(workspace, inputs);
    assert.equal(status, 1, output);
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, inputs['sarif-file']!), 'utf8'));
    const results = sarif.runs[0].results.map(
      (r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
        `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`,
    );
    assert.deepEqual(results, ['services/api/Dockerfile:1 PL101', 'services/api/Dockerfile:1 PL103', 'services/api/Dockerfile:2 PL105']);
    assert.match(output, /^Plumbline: 3 problems \(1 error, 2 warnings, 0 notes\) in plumbline\.sarif$/m);
  });

  it('passes paths and args through, and a usage error fails without a summary', () => {
    const quiet = runAction(workspace, { paths: 'tools CHANGELOG.md', args: '--quiet', 'sarif-file': 'tools.sarif' });
    assert.equal(quiet.status, 0, quiet.output);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(workspace, 'tools.sarif'), 'utf8')).runs[0].results, []);
    const wrong = runAction(workspace, { args: '--no-such-option' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.output, /plumbline check: Unknown option '--no-such-option'/);
    assert.doesNotMatch(wrong.output, /^Plumbline:/m);
  });

  it("prefers the repository's own node_modules/.bin/plumbline", () => {
    const bin = path.join(workspace, 'node_modules', '.bin', 'plumbline');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.writeFileSync(bin, '#!/usr/bin/env node\nconsole.log(JSON.stringify({ runs: [{ results: [] }] }));\n', { mode: 0o755 });
    try {
      const { status, output } = runAction(workspace, {});
      assert.equal(status, 0, output);
      assert.match(output, /^Plumbline: 0 problems/m);
    } finally {
      fs.rmSync(path.join(workspace, 'node_modules'), { recursive: true });
    }
  });
});
