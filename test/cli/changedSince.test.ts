import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { changelogTemplate } from '../../server/src/workflows/changelog';
import { commitAll, git, makeGitRepository } from '../helpers/git';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { configEnabling, runInProcess } from './cliRunner';

const CHANGELOG = changelogTemplate();
const WITH_ENTRY = `${CHANGELOG}\n### Fixed\n\n- Retry failed webhooks\n`;

/** `file:line CODE` of a JSON report, and the number of files it checked. */
async function check(root: string, ...args: string[]) {
  const run = await runInProcess(['check', '--format', 'json', ...args], root);
  const report = run.stdout ? JSON.parse(run.stdout) : undefined;
  return {
    run,
    files: report?.summary.files as number,
    problems: (report?.diagnostics ?? []).map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`) as string[],
    messages: (report?.diagnostics ?? []).map((d: { message: string }) => d.message) as string[],
  };
}

describe('plumbline check --changed-since and PL406', () => {
  let root: string;
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };

  beforeEach(() => {
    root = makeGitRepository({
      '.plumbline.yaml': configEnabling(['PL303', 'PL406', 'PL202']),
      'CHANGELOG.md': CHANGELOG,
      'services/billing/pyproject.toml': '[project]\nname = "billing"\n',
      'services/billing/CHANGELOG.md': CHANGELOG,
      'services/billing/billing/app.py': 'print("billing")\n',
      'services/api/Dockerfile': 'FROM python:3.12-slim\nUSER 10001\n',
      'services/api/CHANGELOG.md': CHANGELOG,
      'services/api/old.py': 'print("old")\n',
      'tools/report.py': 'print("report")\n',
    });
    git(root, 'checkout', '-q', '-b', 'feature');
  });
  afterEach(() => removeWorkspace(root));

  it('checks only the changed files and reports each changed component whose CHANGELOG gained no entry', async () => {
    write('services/billing/billing/app.py', 'print("billing")\nprint("v2")\n');
    commitAll(root, 'Billing v2');
    write('services/api/Dockerfile', 'FROM python:3.12-slim\nUSER 10001\nEXPOSE 8080\n');
    git(root, 'add', 'services/api/Dockerfile');
    fs.rmSync(path.join(root, 'services/api/old.py'));
    write('tools/new.py', 'print("new")\n');

    const { run, files, problems, messages } = await check(root, '--changed-since', 'main');
    assert.equal(run.stderr, '');
    assert.deepEqual(problems, [
      'CHANGELOG.md:1 PL406',
      'services/api/CHANGELOG.md:1 PL406',
      'services/billing/CHANGELOG.md:1 PL406',
      'services/billing/billing/app.py:1 PL303',
      'services/billing/billing/app.py:2 PL303',
      'tools/new.py:1 PL303',
    ]);
    assert.deepEqual(messages.slice(0, 3), [
      'The workspace root changed since main (tools/new.py) but its CHANGELOG.md gained no entry; add one under [Unreleased].',
      'services/api changed since main (Dockerfile, old.py) but its CHANGELOG.md gained no entry; add one under [Unreleased].',
      'services/billing changed since main (billing/app.py) but its CHANGELOG.md gained no entry; add one under [Unreleased].',
    ]);
    assert.equal(files, 6, 'the three changelogs, app.py, the Dockerfile and tools/new.py; not tools/report.py');
    assert.equal(run.status, 0);
  });

  it('is satisfied by a new entry, committed or not, and counts only commits since the merge base', async () => {
    write('services/billing/billing/app.py', 'print("v2")\n');
    write('services/billing/CHANGELOG.md', WITH_ENTRY);
    commitAll(root, 'Billing v2 with an entry');
    write('services/api/Dockerfile', 'FROM python:3.12-slim\nUSER 10001\nEXPOSE 8080\n');
    write('services/api/CHANGELOG.md', WITH_ENTRY);
    // main moves on after the branch point: its changes are not this branch's.
    git(root, 'checkout', '-q', 'main');
    write('tools/report.py', 'print("report v2")\n');
    commitAll(root, 'Report v2 on main');
    git(root, 'checkout', '-q', 'feature');

    const { problems } = await check(root, '--changed-since', 'main');
    assert.deepEqual(problems, ['services/billing/billing/app.py:1 PL303']);
  });

  it('does not count a whitespace-only edit of the CHANGELOG as an entry', async () => {
    write('services/billing/billing/app.py', 'print("v2")\n');
    write('services/billing/CHANGELOG.md', `${CHANGELOG}\n\n`);
    const { problems } = await check(root, '--changed-since', 'main');
    assert.deepEqual(problems, ['services/billing/CHANGELOG.md:1 PL406', 'services/billing/billing/app.py:1 PL303']);
  });

  it('gives cross-file rules the whole workspace: a changed Compose file sees an unchanged Dockerfile', async () => {
    write('compose.yaml', 'services:\n  api:\n    build: ./services/api\n  cache:\n    image: acme/cache:7.2\n    user: root\n');
    const { problems, messages } = await check(root, '--changed-since', 'main');
    assert.deepEqual(problems, ['CHANGELOG.md:1 PL406', 'compose.yaml:6 PL202']);
    assert.match(messages[1]!, /^Service "cache" runs as root/);
  });

  it('reports a protected file whose committed change since the ref is not merged yet (PL508)', async () => {
    write('.plumbline.yaml', configEnabling(['PL508']));
    write('.mcp.json', '{ "servers": {} }\n');
    commitAll(root, 'Protected file and the rule, on main');
    git(root, 'branch', '-f', 'main', 'HEAD');
    write('.mcp.json', '{ "servers": { "files": { "command": "fs-server" } } }\n');
    commitAll(root, 'A new MCP server');
    const { problems, messages } = await check(root, '--changed-since', 'main');
    assert.deepEqual(problems, ['.mcp.json:1 PL508']);
    assert.equal(
      messages[0],
      '".mcp.json" is a protected file (policy: MCP servers and their configuration are never modified without explicit authorization) and is changed since main; get explicit authorization before merging the change.',
    );
    assert.deepEqual((await check(root)).problems, [], 'without a ref, a committed change is not reported');
  });

  it('runs PL406 only with a ref, and nothing is reported when nothing changed', async () => {
    write('services/billing/billing/app.py', 'print("v2")\n');
    const full = await check(root);
    assert.ok(!full.problems.some((problem) => problem.endsWith('PL406')));
    assert.equal(full.files, 9);
    git(root, 'checkout', '-q', '--', '.');
    const none = await check(root, '--changed-since', 'HEAD');
    assert.deepEqual(none.problems, []);
    assert.equal(none.files, 0);
  });

  it('reports only PL406 on a CHANGELOG checked because its component changed, everything once it is edited', async () => {
    write('.plumbline.yaml', configEnabling(['PL401', 'PL406']));
    write('services/billing/CHANGELOG.md', `${CHANGELOG}\n## [1.0.0] - 2026-13-01\n`);
    commitAll(root, 'Billing 1.0.0, with a wrong date');
    write('services/billing/billing/app.py', 'print("v2")\n');
    assert.deepEqual((await check(root, '--changed-since', 'HEAD')).problems, ['services/billing/CHANGELOG.md:1 PL406']);
    write('services/billing/CHANGELOG.md', `${CHANGELOG}\n### Fixed\n\n- Retry failed webhooks\n\n## [1.0.0] - 2026-13-01\n`);
    const edited = await check(root, '--changed-since', 'HEAD');
    assert.deepEqual(edited.problems, ['services/billing/CHANGELOG.md:14 PL401']);
  });

  it('honours a PL406 suppression, which is not reported unused when no ref is given', async () => {
    write('.plumbline.yaml', configEnabling(['PL406', 'PL505']));
    write('services/billing/CHANGELOG.md', `<!-- plumbline: disable-file PL406 -- released with the platform -->\n${CHANGELOG}`);
    commitAll(root, 'Billing follows the platform changelog');
    write('services/billing/billing/app.py', 'print("v2")\n');
    assert.deepEqual((await check(root, '--changed-since', 'HEAD')).problems, []);
    assert.deepEqual((await check(root)).problems, []);
  });

  it('exit 2 for an unknown ref or outside a git repository', async () => {
    const unknown = await runInProcess(['check', '--changed-since', 'no-such-branch'], root);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^plumbline check --changed-since: cannot compare with "no-such-branch": .+\n$/);
    const plain = makeWorkspace({ '.plumbline.yaml': '', 'app.py': 'x = 1\n' });
    try {
      const outside = await runInProcess(['check', '--changed-since', 'main'], plain);
      assert.equal(outside.status, 2);
      assert.match(outside.stderr, /^plumbline check --changed-since: .+ is not inside a git repository \(.+\)\n$/);
    } finally {
      removeWorkspace(plain);
    }
  });
});
