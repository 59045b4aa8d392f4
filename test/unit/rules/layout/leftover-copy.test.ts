import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { leftoverCopy } from '../../../../server/src/rules/layout/leftover-copy';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const DOCKERFILE = 'FROM python:3.12.7-slim\nUSER app\n';
const SETTINGS = 'DEBUG = False\n';

testRule(leftoverCopy, {
  valid: [
    {
      name: 'a *.bak listed in .gitignore is not in the workspace',
      filename: 'app/settings.py',
      code: SETTINGS,
      files: { '.gitignore': '*.bak\n', 'app/settings.py.bak': SETTINGS },
    },
    { name: 'a test about backups is no backup copy', filename: 'tests/test_backup.py', code: 'def test_restore():\n    assert True\n' },
    {
      name: 'a script that takes backups is no copy of its namesake',
      filename: 'scripts/backend/management/db_backup.sh',
      code: '#!/bin/sh\nset -eu\npg_dump "$DATABASE_URL" > "backup-$(date +%F).sql"\ngzip backup-*.sql\n',
      files: { 'scripts/backend/management/db.sh': '#!/bin/sh\nset -eu\npsql "$DATABASE_URL"\n' },
    },
    { name: 'x_v2.py without x.py beside it', filename: 'app/api_v2.py', code: SETTINGS },
    { name: '_v2 only counts for Python', filename: 'docs/guide_v2.md', code: '# Guide\n', files: { 'docs/guide.md': '# Guide\n' } },
    {
      name: 'identical Dockerfiles in independent Compose projects',
      filename: 'sample-a/proxy/Dockerfile',
      code: DOCKERFILE,
      files: { 'sample-a/compose.yaml': 'services: {}\n', 'sample-b/compose.yaml': 'services: {}\n# b\n', 'sample-b/proxy/Dockerfile': DOCKERFILE },
    },
    { name: 'the copy that stays is not reported', filename: 'Dockerfile', code: DOCKERFILE, files: { 'docker/Dockerfile': DOCKERFILE } },
    { name: 'different Dockerfiles', filename: 'api/Dockerfile', code: DOCKERFILE, files: { 'web/Dockerfile': 'FROM nginx:1.27.2\n' } },
  ],
  invalid: [
    {
      name: 'a parallel copy beside its original',
      filename: 'app/settings_old.py',
      code: SETTINGS,
      files: { 'app/settings.py': SETTINGS },
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 14,
          message: '"app/settings_old.py" is a leftover copy of "settings.py"; merge what is still needed into it and delete the copy (git keeps the history).',
        },
      ],
    },
    {
      name: 'x_v2.py beside x.py',
      filename: 'app/client_v2.py',
      code: SETTINGS,
      files: { 'app/client.py': 'DEBUG = False\nTIMEOUT = 5\n' },
      errors: [{ line: 1, column: 1, message: /^"app\/client_v2\.py" is a leftover copy of "client\.py"/ }],
    },
    {
      name: '"name copy.ext" and "name-copy.ext"',
      filename: 'scripts/backend/deployment/deploy copy.sh',
      code: '#!/bin/sh\n',
      files: { 'scripts/backend/deployment/deploy.sh': '#!/bin/sh\necho\n' },
      errors: [
        {
          line: 1,
          column: 1,
          message:
            '"scripts/backend/deployment/deploy copy.sh" is a leftover copy of "deploy.sh"; merge what is still needed into it and delete the copy (git keeps the history).',
        },
      ],
    },
    {
      name: 'a linted backup file is reported on itself',
      filename: 'Dockerfile.bak',
      code: DOCKERFILE + '# old\n',
      files: { Dockerfile: DOCKERFILE },
      errors: [{ line: 1, column: 1, message: '"Dockerfile.bak" is a backup copy; delete it (git keeps the history).' }],
    },
    {
      name: 'backups Plumbline does not lint are reported on their original',
      filename: 'app/settings.py',
      code: SETTINGS,
      files: { 'app/settings.py.orig': SETTINGS, 'app/settings.py~': SETTINGS },
      errors: [
        { line: 1, column: 1, message: 'A backup copy of this file, "settings.py.orig", sits beside it; delete the copy (git keeps the history).' },
        { line: 1, column: 1, message: 'A backup copy of this file, "settings.py~", sits beside it; delete the copy (git keeps the history).' },
      ],
    },
    {
      name: 'a byte-identical Dockerfile in the same project',
      filename: 'services/api/Dockerfile',
      code: DOCKERFILE,
      files: { 'compose.yaml': 'services: {}\n', 'docker/Dockerfile': DOCKERFILE },
      errors: [{ line: 1, column: 1, message: 'This Dockerfile is byte-identical to "docker/Dockerfile"; keep that one and point every build at it.' }],
    },
    {
      name: 'a byte-identical Compose file beside the canonical one',
      filename: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: api:1.0.0\n',
      files: { 'compose.yaml': 'services:\n  api:\n    image: api:1.0.0\n' },
      errors: [{ line: 1, column: 1, message: 'This Compose file is byte-identical to "compose.yaml"; keep that one and point every build at it.' }],
    },
  ],
});

describe('PL507 and file events', () => {
  let root = '';
  afterEach(() => removeWorkspace(root));

  it('a backup created or deleted on disk shows up on its original and goes away', () => {
    root = makeWorkspace({ 'app/settings.py': SETTINGS });
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const settings = path.join(root, 'app/settings.py');
    const backup = path.join(root, 'app/settings.py.bak');
    const lint = () =>
      workspace
        .lint(new SourceDocument(settings, SETTINGS))
        .diagnostics.filter((d) => d.code === 'PL507')
        .map((d) => d.related?.[0]?.path);
    assert.deepEqual(lint(), []);
    fs.writeFileSync(backup, SETTINGS);
    workspace.index.applyChanges([{ type: 'created', path: backup }]);
    assert.deepEqual(lint(), [backup]);
    fs.rmSync(backup);
    workspace.index.applyChanges([{ type: 'deleted', path: backup }]);
    assert.deepEqual(lint(), []);
  });

  it('a Dockerfile edited in a buffer stops being a duplicate', () => {
    root = makeWorkspace({ Dockerfile: DOCKERFILE, 'api/Dockerfile': DOCKERFILE });
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const copy = path.join(root, 'api/Dockerfile');
    const lintCopy = (text: string) => workspace.lint(new SourceDocument(copy, text)).diagnostics.filter((d) => d.code === 'PL507').length;
    assert.equal(lintCopy(DOCKERFILE), 1);
    const edited = DOCKERFILE + 'EXPOSE 8000\n';
    workspace.index.setOpenDocument(new SourceDocument(copy, edited));
    assert.equal(lintCopy(edited), 0);
  });
});
