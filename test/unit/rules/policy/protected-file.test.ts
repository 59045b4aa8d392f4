import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { gitExecutable } from '../../../../server/src/workflows/git';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const MCP = '{\n  "mcpServers": {\n    "files": { "command": "mcp-files", "args": ["/srv/data"] }\n  }\n}\n';
const POLICY = '(policy: MCP servers and their configuration are never modified without explicit authorization)';

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: root, stdio: 'ignore' });
}

/** A committed workspace: `git init`, every file added and committed. */
function committedWorkspace(files: Record<string, string>): string {
  const root = makeWorkspace(files);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

describe('PL508 policy/protected-file', () => {
  let root = '';
  afterEach(() => removeWorkspace(root));

  function messages(workspace: Workspace, relative: string): string[] {
    const file = path.join(root, relative);
    const document = new SourceDocument(file, fs.readFileSync(file, 'utf8'));
    return workspace
      .lint(document)
      .diagnostics.filter((d) => d.code === 'PL508')
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${d.message}`);
  }

  function open(): Workspace {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    return workspace;
  }

  it('is quiet about a protected file that is unchanged, and about unprotected changed files', () => {
    root = committedWorkspace({ '.mcp.json': MCP, 'app/config.json': '{}\n' });
    fs.writeFileSync(path.join(root, 'app/config.json'), '{"debug": true}\n');
    const workspace = open();
    assert.deepEqual(messages(workspace, '.mcp.json'), []);
    assert.deepEqual(messages(workspace, 'app/config.json'), []);
  });

  it('warns at the top of a modified protected file, naming the policy; refreshed on save through the index', () => {
    root = committedWorkspace({ '.mcp.json': MCP });
    const workspace = open();
    assert.deepEqual(messages(workspace, '.mcp.json'), []);
    const file = path.join(root, '.mcp.json');
    fs.writeFileSync(file, MCP.replace('/srv/data', '/'));
    workspace.index.applyChanges([{ type: 'changed', path: file }]);
    assert.deepEqual(messages(workspace, '.mcp.json'), [
      `1:1-1:2 warning ".mcp.json" is a protected file ${POLICY} and is modified in the working tree; get explicit authorization before committing the change.`,
    ]);
  });

  it('reports staged, new and nested protected files, JSON, YAML and shell alike', () => {
    root = committedWorkspace({ 'tools/mcp/servers.yaml': 'servers: []\n', 'tools/mcp/start.sh': '#!/bin/sh\nset -eu\n' });
    fs.writeFileSync(path.join(root, 'tools/mcp/servers.yaml'), 'servers: [files]\n');
    git(root, 'add', 'tools/mcp/servers.yaml');
    fs.appendFileSync(path.join(root, 'tools/mcp/start.sh'), 'exec mcp-files\n');
    fs.writeFileSync(path.join(root, 'mcp.json'), '{}\n');
    const workspace = open();
    assert.match(messages(workspace, 'tools/mcp/servers.yaml')[0]!, /"tools\/mcp\/servers\.yaml" is a protected file .* and is staged in the git index;/);
    assert.match(messages(workspace, 'tools/mcp/start.sh')[0]!, /and is modified in the working tree;/);
    assert.match(messages(workspace, 'mcp.json')[0]!, /and is new and not yet committed;/);
  });

  it('the configured protected list replaces the defaults', () => {
    root = committedWorkspace({ '.plumbline.yaml': 'protected:\n  - "deploy/agents/*.sh"\n', 'deploy/agents/run.sh': '#!/bin/sh\n', '.mcp.json': MCP });
    fs.appendFileSync(path.join(root, 'deploy/agents/run.sh'), 'echo\n');
    fs.appendFileSync(path.join(root, '.mcp.json'), '\n');
    const workspace = open();
    assert.equal(messages(workspace, 'deploy/agents/run.sh').length, 1);
    assert.deepEqual(messages(workspace, '.mcp.json'), []);
  });

  it('runs no git outside a git repository', () => {
    root = makeWorkspace({ '.mcp.json': MCP });
    assert.deepEqual(messages(open(), '.mcp.json'), []);
  });

  it('never runs a git that lives in the workspace, nor one from a relative PATH entry', () => {
    root = makeWorkspace({ 'bin/git': '#!/bin/sh\necho pwned\n' });
    fs.chmodSync(path.join(root, 'bin/git'), 0o755);
    assert.equal(gitExecutable(root, [path.join(root, 'bin'), 'bin', '.'].join(path.delimiter)), undefined);
    const system = gitExecutable(root, [path.join(root, 'bin'), process.env.PATH ?? ''].join(path.delimiter));
    assert.ok(system && !system.startsWith(root), `found ${system}`);
  });
});
