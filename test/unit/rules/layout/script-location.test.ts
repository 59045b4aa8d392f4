import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { scriptLocation } from '../../../../server/src/rules/layout/script-location';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const MAIN = 'if __name__ == "__main__":\n    run()\n';
const ALL_MOVES = ['deployment', 'validation', 'monitoring', 'orchestration', 'testing', 'management'].map((c) => ({ title: `Move to scripts/backend/${c}/` }));
const message = (file: string) =>
  `Script "${file}" is outside scripts/backend/<category>/; move it into one of deployment/, validation/, monitoring/, orchestration/, testing/, management/ there.`;

testRule(scriptLocation, {
  valid: [
    { name: 'a script in its category', filename: 'scripts/backend/deployment/migrate.py', code: MAIN },
    { name: 'deeper inside a category', filename: 'scripts/backend/monitoring/probes/disk.sh', code: 'df -h\n' },
    { name: 'a module without __main__ block or shebang is no script', filename: 'tools/helpers.py', code: 'def f():\n    pass\n' },
    { name: 'package code with a shebang', filename: 'services/api/src/api/app.py', code: '#!/usr/bin/env python3\nAPP = 1\n', files: { 'services/api/src/api/__init__.py': '' } },
    { name: 'a package\'s __main__.py', filename: 'services/api/src/api/__main__.py', code: MAIN },
    { name: 'tests', filename: 'tests/test_api.py', code: MAIN },
    { name: 'the root deploy.sh', filename: 'deploy.sh', code: '#!/bin/sh\n' },
    { name: 'custom area, categories and scripts root', filename: 'ops/data/backfill/run.sh', code: 'echo\n', files: { '.plumbline.yaml': 'paths:\n  scripts: ops\nrules:\n  PL501:\n    area: data\n    categories: [backfill]\n' } },
  ],
  invalid: [
    {
      name: 'a Python script in tools/, one move per category',
      filename: 'tools/rotate_keys.py',
      code: MAIN,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 27, message: message('tools/rotate_keys.py') }],
      suggestions: [ALL_MOVES],
    },
    {
      name: 'a Python file with a shebang outside any package',
      filename: 'ops/cleanup',
      code: '#!/usr/bin/env python3\nimport os\n',
      errors: [{ line: 1, column: 1, endColumn: 23, message: message('ops/cleanup') }],
    },
    {
      name: 'a script inside a package that has a __main__ block',
      filename: 'services/api/src/api/seed.py',
      code: MAIN,
      files: { 'services/api/src/api/__init__.py': '' },
      errors: [{ line: 1, column: 1, message: message('services/api/src/api/seed.py') }],
    },
    {
      name: 'a shell script in an unknown category; a category whose target exists is not offered',
      filename: 'scripts/backend/misc/backup.sh',
      code: '#!/bin/bash\r\ntar czf backup.tgz data\r\n',
      files: { 'scripts/backend/management/backup.sh': 'echo\n' },
      errors: [{ line: 1, column: 1, endColumn: 12, message: message('scripts/backend/misc/backup.sh') }],
      suggestions: [ALL_MOVES.filter((m) => !m.title.includes('management'))],
    },
    {
      name: 'directly under scripts/backend/<category> is required, not scripts/<category>',
      filename: 'scripts/deployment/release.sh',
      code: 'echo\n',
      errors: [{ line: 1, column: 1 }],
    },
  ],
});

it('PL501 moves are renames into scripts/<area>/<category>/ with no edits to the text', () => {
  const root = makeWorkspace({ 'tools/seed.sh': 'echo seed\n' });
  try {
    const workspace = new Workspace({ root });
    workspace.index.scan();
    const file = path.join(root, 'tools/seed.sh');
    const [diagnostic] = workspace.lint(new SourceDocument(file, 'echo seed\n')).diagnostics.filter((d) => d.code === 'PL501');
    const fix = diagnostic!.fixes![0]!;
    assert.deepEqual(fix.edits, []);
    assert.equal(fix.isPreferred, undefined);
    assert.deepEqual(fix.workspaceChanges, [{ kind: 'rename', from: file, to: path.join(root, 'scripts/backend/deployment/seed.sh') }]);
  } finally {
    removeWorkspace(root);
  }
});
