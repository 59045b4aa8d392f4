/**
 * Cross-file behaviour through the engine's front door: the port registry's
 * fix, and Compose diagnostics that follow edits of the registry and of a
 * Dockerfile without the Compose file being reopened.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import type { WorkspaceChange } from '../../../../server/src/engine/types';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const REGISTRY = ['| Port | Service | Protocol |', '|------|---------|----------|', '| 8080 | api     | tcp      |', ''].join('\n');
const API = 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n';
const WORKER = 'services:\n  worker:\n    build: .\n    ports:\n      - "8081:8081"\n';

let roots: string[] = [];
afterEach(() => {
  roots.forEach(removeWorkspace);
  roots = [];
});

function open(files: Record<string, string>): { root: string; workspace: Workspace } {
  const root = makeWorkspace(files);
  roots.push(root);
  const workspace = new Workspace({ root, registry: builtinRules });
  workspace.index.scan();
  return { root, workspace };
}

function codesOf(workspace: Workspace, file: string, code: string): string[] {
  const text = workspace.index.document(file)!.text;
  return workspace
    .lint(new SourceDocument(file, text))
    .diagnostics.filter((d) => d.code === code)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}

function applyChange(change: WorkspaceChange): string {
  if (change.kind === 'edit') return applyEdits(fs.readFileSync(change.path, 'utf8'), change.edits);
  if (change.kind === 'create') return change.content;
  throw new Error('unexpected rename');
}

describe('Compose cross-file facts', () => {
  it('"Add 8081 (worker) to PortRegistry.md" appends an aligned row, and the diagnostic goes away', () => {
    const { root, workspace } = open({
      'PortRegistry.md': REGISTRY,
      'compose.yaml': API,
      'worker/compose.yaml': WORKER,
      'worker/Dockerfile': 'FROM python:3.12.7-slim\nUSER app\n',
    });
    const worker = path.join(root, 'worker/compose.yaml');
    const [diagnostic] = workspace.lint(new SourceDocument(worker, WORKER)).diagnostics.filter((d) => d.code === 'PL207');
    const fix = diagnostic!.fixes![0]!;
    assert.equal(fix.title, 'Add 8081 (worker) to PortRegistry.md');
    assert.equal(fix.isPreferred, undefined);
    const registryPath = path.join(root, 'PortRegistry.md');
    assert.deepEqual(
      fix.workspaceChanges!.map((c) => c.kind === 'edit' && c.path),
      [registryPath],
    );
    const updated = applyChange(fix.workspaceChanges![0]!);
    assert.equal(updated, REGISTRY + '| 8081 | worker  | tcp      |\n');
    workspace.index.setOpenDocument(new SourceDocument(registryPath, updated));
    assert.deepEqual(codesOf(workspace, worker, 'PL207'), []);
  });

  it('creates the registry when there is none', () => {
    const { root, workspace } = open({ 'compose.yaml': API });
    const file = path.join(root, 'compose.yaml');
    const fix = workspace.lint(new SourceDocument(file, API)).diagnostics.find((d) => d.code === 'PL207')!.fixes![0]!;
    const change = fix.workspaceChanges![0]!;
    assert.equal(change.kind, 'create');
    const content = applyChange(change);
    assert.match(content, /\n\| Port \| Service \| Protocol \|\n\|---\|---\|---\|\n\| 8080 \| api \| tcp \|\n$/);
    fs.writeFileSync(path.join(root, 'PortRegistry.md'), content);
    workspace.index.applyChanges([{ type: 'created', path: path.join(root, 'PortRegistry.md') }]);
    assert.deepEqual(codesOf(workspace, file, 'PL207'), []);
  });

  it('without a registry, one fix per project creates it with the ports of the base file and its overlay', () => {
    const override = 'services:\n  api:\n    ports:\n      - "9229:9229"\n  mailpit:\n    image: axllent/mailpit:v1.21\n    ports:\n      - "8025:8025"\n';
    const { root, workspace } = open({ 'compose.yaml': API, 'compose.override.yaml': override });
    const base = path.join(root, 'compose.yaml');
    const overlay = path.join(root, 'compose.override.yaml');
    assert.deepEqual(codesOf(workspace, overlay, 'PL207'), []);
    const [diagnostic, ...others] = workspace.lint(new SourceDocument(base, API)).diagnostics.filter((d) => d.code === 'PL207');
    assert.deepEqual(others, []);
    const fix = diagnostic!.fixes![0]!;
    assert.equal(fix.title, 'Create PortRegistry.md with these 3 ports');
    const content = applyChange(fix.workspaceChanges![0]!);
    assert.match(
      content,
      /\n\| Port \| Service \| Protocol \|\n\|---\|---\|---\|\n\| 8080 \| api \| tcp \|\n\| 9229 \| api \| tcp \|\n\| 8025 \| mailpit \| tcp \|\n$/,
    );
    fs.writeFileSync(path.join(root, 'PortRegistry.md'), content);
    workspace.index.applyChanges([{ type: 'created', path: path.join(root, 'PortRegistry.md') }]);
    assert.deepEqual(codesOf(workspace, base, 'PL207'), []);
    assert.deepEqual(codesOf(workspace, overlay, 'PL207'), []);
  });

  it('editing the registry on disk or in a buffer changes the Compose diagnostics', () => {
    const { root, workspace } = open({ 'PortRegistry.md': REGISTRY, 'compose.yaml': API, 'worker/compose.yaml': WORKER });
    const api = path.join(root, 'compose.yaml');
    const registryPath = path.join(root, 'PortRegistry.md');
    assert.deepEqual(codesOf(workspace, api, 'PL207'), []);

    fs.writeFileSync(registryPath, REGISTRY.replace('| api     |', '| billing |'));
    workspace.index.applyChanges([{ type: 'changed', path: registryPath }]);
    assert.deepEqual(codesOf(workspace, api, 'PL207'), [
      '5:9 Host port 8080/tcp of service "api" is registered to billing in PortRegistry.md; pick a free port and register it for api.',
    ]);

    workspace.index.setOpenDocument(new SourceDocument(registryPath, REGISTRY + '| 8081 | worker | tcp |\n'));
    assert.deepEqual(codesOf(workspace, api, 'PL207'), []);
    assert.deepEqual(codesOf(workspace, path.join(root, 'worker/compose.yaml'), 'PL207'), []);
  });

  it('with a port registry (one shared host), a clash with another project appears and disappears as its file changes', () => {
    const { root, workspace } = open({ 'PortRegistry.md': REGISTRY, 'compose.yaml': API, 'worker/compose.yaml': WORKER });
    const api = path.join(root, 'compose.yaml');
    const worker = path.join(root, 'worker/compose.yaml');
    assert.deepEqual(codesOf(workspace, api, 'PL208'), []);
    workspace.index.setOpenDocument(new SourceDocument(worker, WORKER.replace('"8081:8081"', '"8080:8081"')));
    const [clash] = workspace.lint(new SourceDocument(api, API)).diagnostics.filter((d) => d.code === 'PL208');
    assert.equal(clash!.message, 'Host port 8080/tcp of service "api" is also published by "worker" (worker/compose.yaml:5); give each service its own port.');
    assert.deepEqual(clash!.related, [
      { path: worker, range: { start: { line: 4, character: 8 }, end: { line: 4, character: 19 } }, message: 'Host port 8080/tcp also published by "worker"' },
    ]);
    workspace.index.closeDocument(worker);
    assert.deepEqual(codesOf(workspace, api, 'PL208'), []);
  });

  it('adding USER and HEALTHCHECK to the built Dockerfile clears PL202 and PL203', () => {
    const { root, workspace } = open({ 'worker/compose.yaml': WORKER, 'worker/Dockerfile': 'FROM python:3.12.7-slim\nEXPOSE 8081\n' });
    const worker = path.join(root, 'worker/compose.yaml');
    assert.equal(codesOf(workspace, worker, 'PL202').length, 1);
    assert.equal(codesOf(workspace, worker, 'PL203').length, 1);
    const dockerfile = path.join(root, 'worker/Dockerfile');
    workspace.index.setOpenDocument(
      new SourceDocument(dockerfile, 'FROM python:3.12.7-slim\nEXPOSE 8081\nUSER app\nHEALTHCHECK CMD curl -f http://localhost:8081/ || exit 1\n'),
    );
    assert.deepEqual(codesOf(workspace, worker, 'PL202'), []);
    assert.deepEqual(codesOf(workspace, worker, 'PL203'), []);
  });

  it('a fragment merged from another folder is judged in its base file, not alone; a service it adds is judged', () => {
    const base = 'services:\n  analytics:\n    image: analytics:2.1.0\n    user: "10001:10001"\n    mem_limit: 512m\n    cpus: 1\n';
    // docker compose -f compose.yaml -f reverse-proxy/compose.caddy.yaml: the overlay only labels the service.
    const fragment = 'services:\n  analytics:\n    labels:\n      proxy.host: analytics.example.com\n  caddy:\n    image: caddy:2.8.4\n';
    const { root, workspace } = open({ 'compose.yaml': base, 'reverse-proxy/compose.caddy.yaml': fragment });
    const overlay = path.join(root, 'reverse-proxy/compose.caddy.yaml');
    const reported = (code: string) => codesOf(workspace, overlay, code).map((finding) => finding.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(reported('PL203'), ['5:3 Service "caddy"']);
    assert.deepEqual(reported('PL204'), ['5:3 Service "caddy"']);
    assert.deepEqual(reported('PL202'), ['5:3 Service "caddy"']);
  });

  it('configured Compose globs and suppression comments apply to Compose files', () => {
    const stack = 'services:\n  # plumbline: disable-next-line PL202, compose/healthcheck\n  api:\n    image: api:latest\n    mem_limit: 1g\n    cpus: 1\n';
    const { root, workspace } = open({ '.plumbline.yaml': 'compose:\n  files: ["deploy/*.yml"]\n', 'deploy/stack.yml': stack });
    const result = workspace.lint(new SourceDocument(path.join(root, 'deploy/stack.yml'), stack));
    assert.equal(result.kind, 'compose');
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`),
      ['4:12 PL201'],
    );
  });

  it('a 5 MB Compose file is skipped by maxFileSize, not parsed', () => {
    const big =
      'services:\n' + Array.from({ length: 100000 }, (_, i) => `  svc${i}:\n    image: app:1.0.${i}\n    ports: ["${10000 + (i % 50000)}:80"]\n`).join('');
    const { root, workspace } = open({ 'compose.yaml': big });
    assert.ok(big.length > 5_000_000);
    const result = workspace.lint(new SourceDocument(path.join(root, 'compose.yaml'), big));
    assert.deepEqual(result.diagnostics, []);
    assert.match(result.skipped ?? '', /maxFileSize/);
  });
});
