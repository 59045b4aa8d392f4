import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { changelogTemplate } from '../../../../server/src/workflows/changelog';
import { changelogMissing } from '../../../../server/src/rules/changelog/missing';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const PYPROJECT = '[project]\nname = "billing"\n';
const ROOT_CHANGELOG = { 'CHANGELOG.md': changelogTemplate() };

testRule(changelogMissing, {
  valid: [
    {
      name: 'component with a changelog',
      filename: 'services/api/pyproject.toml',
      code: PYPROJECT,
      files: { ...ROOT_CHANGELOG, 'services/api/CHANGELOG.md': '# Changelog\n' },
    },
    { name: 'plain folder is not a component root', filename: 'services/api/notes.py', code: 'x = 1\n', files: ROOT_CHANGELOG },
    {
      name: 'a pyproject.toml that only configures tools is no package',
      filename: 'docs/pyproject.toml',
      code: '# Settings for building the docs only.\n[tool.ruff]\nline-length = 100\n',
      files: ROOT_CHANGELOG,
    },
    {
      name: 'nor is one with Windows line endings',
      filename: 'docs/pyproject.toml',
      code: '[tool.ruff]\r\nline-length = 100\r\n',
      files: ROOT_CHANGELOG,
    },
    {
      name: "nor is a package.json without a name (a template folder's build tooling)",
      filename: 'app/templates/package.json',
      code: '{"devDependencies": {"tailwindcss": "3.4.14"}}\n',
      files: ROOT_CHANGELOG,
    },
    {
      name: 'nor one whose name is empty (a docs site scaffold)',
      filename: 'docs/package.json',
      code: '{"name": "", "private": true, "devDependencies": {"vitepress": "1.5.0"}}\n',
      files: ROOT_CHANGELOG,
    },
    {
      name: 'reported once per directory: only on the manifest, not on the Dockerfile next to it',
      filename: 'services/billing/Dockerfile',
      code: 'FROM python:3.12-slim\n',
      files: { ...ROOT_CHANGELOG, 'services/billing/pyproject.toml': PYPROJECT },
    },
    {
      name: 'not on other files of a component root',
      filename: 'services/billing/app.py',
      code: 'x = 1\n',
      files: { ...ROOT_CHANGELOG, 'services/billing/pyproject.toml': PYPROJECT },
    },
    {
      name: 'excluded directories',
      filename: 'docker/api/Dockerfile',
      code: 'FROM python:3.12-slim\n',
      options: { exclude: ['docker/*'] },
      files: ROOT_CHANGELOG,
    },
    {
      name: "a test fixture's package.json is test scaffolding, no component root",
      filename: '_integration-test/nodejs/package.json',
      code: '{ "name": "sentry-node-fixture", "private": true }\n',
      files: ROOT_CHANGELOG,
    },
    {
      name: 'an image that only tests build is no component root',
      filename: 'tests/fixtures/mock-smtp/Dockerfile',
      code: 'FROM python:3.12.7-slim\n',
      files: ROOT_CHANGELOG,
    },
    { name: 'default roots turned off', filename: 'services/billing/pyproject.toml', code: PYPROJECT, options: { defaultRoots: false } },
    {
      name: 'an image that the Compose project above builds is part of that project (its changelog covers it)',
      filename: 'cron/Dockerfile',
      code: 'FROM debian:12\n',
      files: { ...ROOT_CHANGELOG, 'compose.yaml': 'x-build: &cron\n  build:\n    context: ./cron\nservices:\n  cron:\n    <<: *cron\n' },
    },
    {
      name: "a setup.py inside a Python package is one of its modules (a web app's setup wizard), no manifest",
      filename: 'webapp/handlers/setup.py',
      code: 'from flask import render_template\n\n\ndef setup():\n    return render_template("setup.html")\n',
      files: { ...ROOT_CHANGELOG, 'webapp/handlers/__init__.py': '' },
    },
    {
      name: 'a build context given as a variable with a default counts as that folder, as Compose resolves it',
      filename: 'worker/Dockerfile',
      code: 'FROM debian:12\n',
      files: { ...ROOT_CHANGELOG, 'compose.yaml': 'services:\n  worker:\n    build:\n      context: ${WORKER_CONTEXT:-./worker}\n' },
    },
    {
      name: 'a documentation-only repository is not a backend: its root needs no changelog',
      filename: 'README.md',
      code: '# Decision records\n',
      files: { 'locales/en/examples/index.md': '# Examples\n', 'CITATION.cff': 'cff-version: 1.2.0\n' },
    },
    { name: 'a lower-case changelog counts', filename: 'go.mod', code: 'module example.com/x\n', files: { 'changelog.md': '# Changelog\n' } },
  ],
  invalid: [
    {
      name: 'a history kept under another name is named, and the policy asks for CHANGELOG.md',
      filename: 'pyproject.toml',
      code: PYPROJECT,
      files: { 'CHANGES.rst': 'Version 3.1.0\n-------------\n', 'src/app/__init__.py': '' },
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'The workspace root keeps its changes in CHANGES.rst, not in a CHANGELOG.md in the Keep a Changelog format (pyproject.toml makes it a component); move them there.',
        },
      ],
    },
    {
      name: "a history kept in the component's documentation is named with its folder",
      filename: 'pyproject.toml',
      code: PYPROJECT,
      files: { 'docs/changelog.md': '# Changelog\n\n## 2.4.0\n\n- Faster imports.\n', 'src/app/__init__.py': '' },
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'The workspace root keeps its changes in docs/changelog.md, not in a CHANGELOG.md in the Keep a Changelog format (pyproject.toml makes it a component); move them there.',
        },
      ],
    },
    {
      name: 'service without a changelog, reported on its manifest, fix creates it',
      filename: 'services/billing/pyproject.toml',
      code: PYPROJECT,
      files: ROOT_CHANGELOG,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 10,
          message: 'services/billing has no CHANGELOG.md (pyproject.toml makes it a component); add one to record its changes.',
        },
      ],
      suggestions: [[{ title: 'Create CHANGELOG.md in services/billing' }]],
    },
    {
      name: 'a Dockerfile makes a component root',
      filename: 'docker/worker/Dockerfile',
      code: 'FROM python:3.12-slim\n',
      files: ROOT_CHANGELOG,
      errors: [
        { line: 1, column: 1, endColumn: 22, message: 'docker/worker has no CHANGELOG.md (Dockerfile makes it a component); add one to record its changes.' },
      ],
    },
    {
      name: 'a package the Compose project builds still keeps its own changelog: its manifest versions it',
      filename: 'web/package.json',
      code: '{"name": "web"}\n',
      files: { ...ROOT_CHANGELOG, 'web/Dockerfile': 'FROM node:22\n', 'compose.yaml': 'services:\n  web:\n    build: ./web\n' },
      errors: [{ line: 1, column: 1, message: 'web has no CHANGELOG.md (package.json makes it a component); add one to record its changes.' }],
    },
    {
      name: 'a Compose file beside the project does not adopt an image it does not build',
      filename: 'tools/lint/Dockerfile',
      code: 'FROM alpine:3.20\n',
      files: { ...ROOT_CHANGELOG, 'compose.yaml': 'services:\n  api:\n    build: ./api\n' },
      errors: [{ line: 1, column: 1, message: 'tools/lint has no CHANGELOG.md (Dockerfile makes it a component); add one to record its changes.' }],
    },
    {
      name: 'setup.py makes a component root',
      filename: 'libs/legacy/setup.py',
      code: 'from setuptools import setup\nsetup()\n',
      files: ROOT_CHANGELOG,
      errors: [{ line: 1, column: 1, message: 'libs/legacy has no CHANGELOG.md (setup.py makes it a component); add one to record its changes.' }],
    },
    {
      name: 'the workspace root, on its configuration file',
      filename: '.plumbline.yaml',
      code: 'rules: {}\n',
      files: { 'tools/sync.py': 'X = 1\n' },
      errors: [{ line: 1, column: 1, endColumn: 10, message: 'The workspace root has no CHANGELOG.md; add one to record its changes.' }],
      suggestions: [[{ title: 'Create CHANGELOG.md in the workspace root' }]],
    },
    {
      name: 'configured globs add directories',
      filename: 'libs/shared/README.md',
      code: '# Shared\n',
      options: { roots: ['libs/*'] },
      files: ROOT_CHANGELOG,
      errors: [{ line: 1, column: 1, endColumn: 9, message: 'libs/shared has no CHANGELOG.md; add one to record its changes.' }],
    },
  ],
});

describe('PL402 follows the workspace index', () => {
  it('appears and disappears as CHANGELOG.md is created and deleted, without a rescan', () => {
    const root = makeWorkspace({ 'CHANGELOG.md': changelogTemplate(), 'services/billing/pyproject.toml': PYPROJECT });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const manifest = path.join(root, 'services/billing/pyproject.toml');
      const lintCodes = () => workspace.lint(new SourceDocument(manifest, PYPROJECT)).diagnostics.map((d) => d.code);
      assert.deepEqual(lintCodes(), ['PL402']);

      const changelog = path.join(root, 'services/billing/CHANGELOG.md');
      fs.writeFileSync(changelog, changelogTemplate());
      workspace.index.applyChanges([{ type: 'created', path: changelog }]);
      assert.deepEqual(lintCodes(), []);

      fs.rmSync(changelog);
      workspace.index.applyChanges([{ type: 'deleted', path: changelog }]);
      assert.deepEqual(lintCodes(), ['PL402']);
    } finally {
      removeWorkspace(root);
    }
  });

  it('the fix creates a changelog that PL401 accepts', () => {
    const root = makeWorkspace({ 'CHANGELOG.md': changelogTemplate(), 'services/billing/pyproject.toml': PYPROJECT });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const [diagnostic] = workspace.lint(new SourceDocument(path.join(root, 'services/billing/pyproject.toml'), PYPROJECT)).diagnostics;
      const change = diagnostic!.fixes![0]!.workspaceChanges![0]!;
      assert.equal(change.kind, 'create');
      if (change.kind !== 'create') return;
      assert.equal(change.path, path.join(root, 'services/billing/CHANGELOG.md'));
      const created = workspace.lint(new SourceDocument(change.path, change.content));
      assert.deepEqual(created.diagnostics, []);
    } finally {
      removeWorkspace(root);
    }
  });
});
