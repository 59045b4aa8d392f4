import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import type { WorkspaceChange } from '../../../../server/src/engine/types';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { buildContextLeak } from '../../../../server/src/rules/docker/build-context-leak';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const APP = 'FROM python:3.12.7-slim\nWORKDIR /app\nCOPY . .\n';
const GITIGNORE = '__pycache__/\n.env\n*.pem\n';

testRule(buildContextLeak, {
  valid: [
    {
      name: '.dockerignore present and complete',
      code: APP,
      files: { '.gitignore': GITIGNORE, '.git/HEAD': 'ref: refs/heads/main\n', '.dockerignore': '.git\n**/.env\n*.pem\n' },
    },
    {
      name: 'an allow-list .dockerignore excludes everything it does not name',
      code: APP,
      files: { '.gitignore': GITIGNORE, '.dockerignore': '*\n!app\n!requirements.txt\n' },
    },
    { name: 'nothing secret can be in the context', code: APP, files: { '.gitignore': '__pycache__/\nbuild/\n', 'app.py': 'print(1)\n' } },
    { name: 'examples and templates of env files are not secrets', code: APP, files: { '.env.example': 'DB_PASSWORD=\n', '.gitignore': '!.env.example\n' } },
    { name: 'only named sources are copied', code: 'FROM python:3.12.7-slim\nCOPY app/ /app/\nCOPY requirements.txt .\n', files: { '.gitignore': GITIGNORE } },
    {
      name: 'a builder stage copies the context, the image only its artifact',
      code: 'FROM golang:1.23.2 AS build\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n',
      files: { '.gitignore': GITIGNORE },
    },
    {
      name: 'a builder stage copies the context into a folder, the image only a build output below it',
      code: 'FROM python:3.12.7-slim AS builder\nWORKDIR /opt/app\nCOPY . .\nRUN python -m build --outdir dist\nFROM python:3.12.7-slim\nCOPY --from=builder /opt/app/dist /wheels\n',
      files: { '.gitignore': GITIGNORE },
    },
    { name: "BuildKit's per-Dockerfile ignore file wins", code: APP, files: { '.gitignore': GITIGNORE, 'Dockerfile.dockerignore': '**/.env\n**/*.pem\n' } },
    {
      name: 'an anchored .gitignore entry outside the context does not apply',
      filename: 'web/Dockerfile',
      code: APP,
      files: { '.gitignore': '/api/.env\n' },
    },
  ],
  invalid: [
    {
      name: "a builder stage's copy of the context, copied whole into the image",
      code: 'FROM python:3.12.7-slim AS builder\nRUN pip wheel --wheel-dir /wheels gunicorn==23.0.0\nCOPY . /opt/app/\nFROM python:3.12.7-slim\nWORKDIR /opt/app\nCOPY --from=builder /opt/app/ /opt/app/\n',
      files: { '.gitignore': '.env\n' },
      errors: [
        {
          line: 3,
          column: 1,
          message:
            'COPY . copies the whole build context "." into stage "builder", which line 6 copies into the image, and it has no .dockerignore, so .env (listed in .gitignore) goes in too; exclude it in .dockerignore so no secret ends up in the image.',
        },
      ],
      suggestions: [[{ title: 'Create .dockerignore excluding **/.env' }]],
    },
    {
      name: 'no .dockerignore: the secrets .gitignore lists go in; the fix creates one',
      code: APP,
      files: { '.gitignore': GITIGNORE },
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 9,
          message:
            'COPY . copies the whole build context "." into the image, and it has no .dockerignore, so .env (listed in .gitignore), *.pem (listed in .gitignore) go in too; exclude them in .dockerignore so no secret ends up in the image.',
        },
      ],
      suggestions: [[{ title: 'Create .dockerignore excluding **/.env, **/*.pem' }]],
    },
    {
      name: 'an incomplete .dockerignore at the repository root: .git and a committed key',
      code: 'FROM node:20.18.0-slim\nADD . /srv\n',
      files: {
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.dockerignore': 'node_modules\n',
        'certs/server.key': 'not really a key\n',
        // The shapes of secrets, not secrets: a demo certificate, a Helm chart's template, a test fixture.
        'examples/tls/demo.key': 'demo\n',
        'chart/templates/secret.yaml': 'kind: Secret\n',
        'tests/fixtures/client.pem': 'fixture\n',
      },
      errors: [
        {
          line: 2,
          column: 1,
          message:
            'ADD . copies the whole build context "." into the image, and .dockerignore does not exclude .git, certs/server.key; exclude them in .dockerignore so no secret ends up in the image.',
        },
      ],
      suggestions: [[{ title: 'Add .git, certs/server.key to .dockerignore' }]],
    },
    {
      name: "the Compose build context, not the Dockerfile's folder",
      filename: 'docker/api.Dockerfile',
      code: 'FROM python:3.12.7-slim\nCOPY ./ /app\n',
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: services/api\n      dockerfile: ../../docker/api.Dockerfile\n',
        'services/api/.gitignore': '.env.local\n',
        'services/api/.dockerignore': '.env\n',
      },
      errors: [
        {
          line: 2,
          message:
            'COPY . copies the whole build context "services/api" into the image, and services/api/.dockerignore does not exclude .env.local (listed in .gitignore); exclude it in services/api/.dockerignore so no secret ends up in the image.',
          column: 1,
        },
      ],
    },
    {
      name: 'a negation brings a secret back',
      code: APP,
      files: { '.gitignore': '.env\n', '.dockerignore': '**/.env\n*.pem\n!server.pem\n', 'server.pem': 'x\n' },
      errors: [{ line: 3, column: 1, message: /does not exclude server\.pem;/ }],
    },
  ],
});

describe('PL109 fix and index', () => {
  let roots: string[] = [];
  afterEach(() => {
    roots.forEach(removeWorkspace);
    roots = [];
  });

  function open(files: Record<string, string>) {
    const root = makeWorkspace(files);
    roots.push(root);
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const dockerfile = path.join(root, 'Dockerfile');
    const lint = () => workspace.lint(new SourceDocument(dockerfile, APP)).diagnostics.filter((d) => d.code === 'PL109');
    return { root, workspace, lint };
  }

  function apply(change: WorkspaceChange): string {
    if (change.kind === 'edit') return applyEdits(fs.readFileSync(change.path, 'utf8'), change.edits);
    if (change.kind === 'create') return change.content;
    throw new Error('unexpected rename');
  }

  it('appends to an existing .dockerignore (never overwrites it), marked unsafe, and the finding goes away', () => {
    const { root, workspace, lint } = open({ Dockerfile: APP, '.gitignore': GITIGNORE, '.dockerignore': 'node_modules' });
    const fix = lint()[0]!.fixes![0]!;
    assert.equal(fix.applicability, 'unsafe');
    assert.equal(buildContextLeak.meta.fixApplicability, 'unsafe');
    assert.equal(fix.isPreferred, undefined);
    const change = fix.workspaceChanges![0]!;
    assert.equal(change.kind, 'edit');
    const updated = apply(change);
    assert.equal(updated, 'node_modules\n**/.env\n**/*.pem\n');
    workspace.index.setOpenDocument(new SourceDocument(path.join(root, '.dockerignore'), updated));
    assert.deepEqual(lint(), []);
  });

  it('follows .gitignore and .dockerignore changes on disk through index events', () => {
    const { root, workspace, lint } = open({ Dockerfile: APP, '.gitignore': '__pycache__/\n' });
    assert.deepEqual(lint(), []);
    fs.writeFileSync(path.join(root, '.gitignore'), '__pycache__/\n.env\n');
    workspace.index.applyChanges([{ type: 'changed', path: path.join(root, '.gitignore') }]);
    assert.equal(lint().length, 1);
    const created = apply(lint()[0]!.fixes![0]!.workspaceChanges![0]!);
    assert.equal(created, '**/.env\n');
    fs.writeFileSync(path.join(root, '.dockerignore'), created);
    workspace.index.applyChanges([{ type: 'created', path: path.join(root, '.dockerignore') }]);
    assert.deepEqual(lint(), []);
  });
});
