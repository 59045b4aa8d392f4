import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
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
    {
      name: 'package code with a shebang',
      filename: 'services/api/src/api/app.py',
      code: '#!/usr/bin/env python3\nAPP = 1\n',
      files: { 'services/api/src/api/__init__.py': '' },
    },
    { name: "a package's __main__.py", filename: 'services/api/src/api/__main__.py', code: MAIN },
    { name: 'tests', filename: 'tests/test_api.py', code: MAIN },
    { name: "a CI job's script", filename: 'ci/upgrade/test.sh', code: '#!/bin/bash\nset -euo pipefail\ndocker compose up -d\n' },
    { name: 'a GitHub workflow helper', filename: '.github/scripts/extract-notes.py', code: MAIN },
    {
      name: 'a Buildkite hook, which Buildkite finds by its path',
      filename: '.buildkite/hooks/pre-command',
      code: '#!/bin/bash\nset -euo pipefail\nexport CI_CACHE=1\n',
    },
    { name: "a Buildkite job's script", filename: '.buildkite/steps/e2e.sh', code: '#!/bin/bash\nset -euo pipefail\ndocker compose up -d\n' },
    { name: "a developer's workflow: scripts/lint", filename: 'scripts/lint', code: '#!/bin/sh -e\nruff check .\n' },
    { name: 'and script/bootstrap.sh', filename: 'script/bootstrap.sh', code: '#!/bin/sh -e\npip install -e .\n' },
    { name: 'a code generator under dev/', filename: 'dev/code-generation/gen_schemas.py', code: MAIN },
    {
      name: 'a script that renders the Dockerfiles from templates',
      filename: 'apply-templates.sh',
      code: '#!/usr/bin/env bash\nset -Eeuo pipefail\njq -r . versions.json\n',
    },
    { name: 'and one that regenerates a manifest', filename: 'generate-library.sh', code: '#!/usr/bin/env bash\nset -Eeuo pipefail\necho ok\n' },
    {
      name: 'one that rebuilds the translation sources',
      filename: 'scripts/rebuild-locale-sources.sh',
      code: '#!/bin/sh\nset -eu\ndjango-admin makemessages -a\n',
    },
    { name: 'one that pulls the translations', filename: 'scripts/pull-translations.sh', code: '#!/bin/sh\nset -eu\ntx pull -a\n' },
    { name: "the project's test runner", filename: 'runtests.py', code: `#!/usr/bin/env python\nimport sys\n\n${MAIN}` },
    {
      name: 'a packaging script',
      filename: 'setup.py',
      code: '#!/usr/bin/env python\nfrom setuptools import setup\n\nif __name__ == "__main__":\n    setup()\n',
    },
    { name: "a cookiecutter template's hook, which must live in hooks/", filename: 'hooks/post_gen_project.py', code: MAIN },
    { name: 'and its pre-generation hook in shell', filename: 'hooks/pre_gen_project.sh', code: '#!/bin/sh\necho checking\n' },
    { name: "a Debian package's maintainer script", filename: 'agent/debian/postinst', code: '#!/bin/sh\nset -e\nadduser --system agent\n' },
    { name: 'and a file the package installs as it is', filename: 'agent/debian/agent/usr/lib/agent/rotate.py', code: MAIN },
    {
      name: "an Ansible role's file, copied to the hosts it manages",
      filename: 'ansible/roles/backup/files/backup.py',
      code: MAIN,
    },
    { name: 'and its template', filename: 'ansible/roles/alerts/templates/send_alert.sh', code: '#!/bin/sh\nmail -s alert ops\n' },
    { name: 'a git hook in the folder core.hooksPath names', filename: '.githooks/pre-commit', code: '#!/bin/sh\nmake lint\n' },
    { name: "a coding agent's hook", filename: '.claude/hooks/branch-guard.sh', code: '#!/bin/bash\nexit 0\n' },
    { name: 'an example for the docs', filename: 'scripts/post-consume-example.sh', code: '#!/bin/bash\necho "$DOCUMENT_ID"\n' },
    { name: 'the root deploy.sh', filename: 'deploy.sh', code: '#!/bin/sh\n' },
    { name: "Django's manage.py", filename: 'shop/app/manage.py', code: MAIN },
    { name: 'a WSGI module with a shebang', filename: 'shop/web/wsgi.py', code: '#!/usr/bin/env python3\napplication = None\n' },
    { name: "a component's app.py", filename: 'samples/flask/app.py', code: MAIN, files: { 'samples/flask/Dockerfile': 'FROM python:3.12\n' } },
    { name: 'under a source root', filename: 'tool/src/tool-new', code: '#!/bin/sh\necho new\n' },
    { name: 'in the bin/ folder of the repository', filename: 'bin/tool', code: '#!/bin/sh\necho tool\n' },
    { name: 'the root install.sh, as the root deploy.sh', filename: 'install.sh', code: '#!/bin/bash\n' },
    { name: 'the root installer named for the product, which its users download and run', filename: 'install-ledger.sh', code: '#!/bin/bash\nset -eu\n' },
    {
      name: 'copied into an image by the Dockerfile of its build context',
      filename: 'cron/entrypoint.sh',
      code: '#!/bin/bash\nexec cron -f\n',
      files: { 'cron/Dockerfile': 'FROM debian:12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n' },
    },
    {
      name: 'in a folder the Dockerfile copies, from the build context Compose gives it',
      filename: 'backend/scripts/prestart.sh',
      code: '#!/bin/bash\nalembic upgrade head\n',
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: backend/Dockerfile\n',
        'backend/Dockerfile': 'FROM python:3.12\nCOPY ./backend/scripts /app/scripts\n',
      },
    },
    {
      name: 'copied by a Dockerfile built from the folder above it (docker build -f box/Dockerfile .)',
      filename: 'devbox/10_clone-repos.sh',
      code: '#!/bin/bash\ngit clone "$REPO"\n',
      files: { 'devbox/base/Dockerfile': 'FROM ubuntu:24.04\nCOPY 10_clone-repos.sh /etc/startup.d/\n' },
    },
    {
      name: 'matched by a COPY glob',
      filename: 'worker/run_worker.py',
      code: MAIN,
      files: { 'worker/Dockerfile': 'FROM python:3.12\nCOPY *.py /app/\n' },
    },
    {
      name: 'run by a Compose health check through a bind mount',
      filename: 'search/probe.py',
      code: MAIN,
      files: {
        'compose.yaml':
          'x-defaults: &defaults\n  restart: always\nservices:\n  search:\n    <<: *defaults\n    image: search:1.2\n    volumes:\n      - "./search/probe.py:/opt/search/probe.py:ro"\n    healthcheck:\n      test: ["CMD", "python3", "/opt/search/probe.py"]\n',
      },
    },
    {
      name: 'the entrypoint of a Compose service, merged from an anchor, through a mounted folder',
      filename: 'web/start.sh',
      code: '#!/bin/sh\nexec gunicorn app\n',
      files: {
        'compose.yaml':
          'x-web: &web\n  entrypoint: "/etc/web/start.sh"\n  volumes:\n    - ./web:/etc/web\nservices:\n  web:\n    <<: *web\n    image: web:1.0\n',
      },
    },
    {
      name: 'a library that the installer sources',
      filename: 'install/create-volumes.sh',
      code: 'docker volume create data\n',
      files: { 'install.sh': '#!/bin/bash\nsource install/create-volumes.sh\n' },
    },
    {
      name: 'a library sourced relative to the sourcing script',
      filename: 'ops/lib/common.sh',
      code: 'log() { echo "$@"; }\n',
      files: { 'ops/lib/run.sh': '#!/bin/bash\nsource "$(dirname "$0")/common.sh"\n' },
    },
    {
      name: 'a library without an extension, sourced through ${BASH_SOURCE%/*}',
      filename: 'devops/scripts/ticker',
      code: '#!/bin/bash\nticker() { "$@"; }\n',
      files: { 'admin/bin/dev-shell': '#!/bin/bash\nsource "${BASH_SOURCE%/*}/../../devops/scripts/ticker"\n' },
    },
    {
      name: 'a library sourced through a variable that names the repository root',
      filename: 'devops/gce/env.sh',
      code: '#!/bin/bash\nexport ZONE=eu\n',
      files: { 'devops/gce/start.sh': '#!/bin/bash\nTOPLEVEL=$(git rev-parse --show-toplevel)\n. "${TOPLEVEL}/devops/gce/env.sh"\n' },
    },
    {
      name: 'declared in package.json bin',
      filename: 'cli/run.sh',
      code: '#!/bin/sh\n',
      files: { 'package.json': '{"name": "x", "bin": {"x": "./cli/run.sh"}}' },
    },
    {
      name: 'declared in pyproject [project.scripts]',
      filename: 'tools/report.py',
      code: MAIN,
      files: { 'pyproject.toml': '[project]\nname = "x"\n\n[project.scripts]\nreport = "tools.report:main"\n' },
    },
    {
      name: 'declared in a [project.scripts] header with a comment',
      filename: 'tools/report.py',
      code: MAIN,
      files: { 'pyproject.toml': '[project]\nname = "x"\n\n[project.scripts]  # the commands we install\nreport = "tools.report:main"\n' },
    },
    {
      name: 'custom area, categories and scripts root',
      filename: 'ops/data/backfill/run.sh',
      code: 'echo\n',
      files: { '.plumbline.yaml': 'paths:\n  scripts: ops\nrules:\n  PL501:\n    area: data\n    categories: [backfill]\n' },
    },
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
      name: "a script beside an Ansible role's files is judged",
      filename: 'ansible/roles/backup/rotate_keys.py',
      code: MAIN,
      errors: [{ line: 1, column: 1, message: message('ansible/roles/backup/rotate_keys.py') }],
      suggestions: [ALL_MOVES],
    },
    {
      name: 'another script in a hooks/ folder is no template hook',
      filename: 'hooks/rotate_keys.py',
      code: MAIN,
      errors: [{ line: 1, column: 1, message: message('hooks/rotate_keys.py') }],
      suggestions: [ALL_MOVES],
    },
    {
      name: 'a script named like a workflow step but doing operations is still judged: update-dns.sh',
      filename: 'ops/update-dns.sh',
      code: '#!/bin/sh\nset -eu\naws route53 change-resource-record-sets --cli-input-json file://dns.json\n',
      errors: [{ line: 1, column: 1, message: message('ops/update-dns.sh') }],
    },
    {
      name: 'a Python file with a shebang outside any package',
      filename: 'ops/cleanup',
      code: '#!/usr/bin/env python3\nimport os\n',
      errors: [{ line: 1, column: 1, endColumn: 23, message: message('ops/cleanup') }],
    },
    {
      name: 'a script inside a package that has a __main__ block',
      filename: 'services/api/api/seed.py',
      code: MAIN,
      files: { 'services/api/api/__init__.py': '' },
      errors: [{ line: 1, column: 1, message: message('services/api/api/seed.py') }],
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
      name: 'a release script beside a Dockerfile that copies something else',
      filename: 'tag-release',
      code: '#!/bin/sh -e\ngit tag "$1"\n',
      files: { Dockerfile: 'FROM alpine:3.20\nCOPY src/ /opt/tool/\n', 'src/tool': '#!/bin/sh\n' },
      errors: [{ line: 1, column: 1, endColumn: 13, message: message('tag-release') }],
    },
    {
      name: 'a Compose command that names another script does not exempt this one',
      filename: 'ops/backup.sh',
      code: '#!/bin/sh\npg_dump\n',
      files: { 'compose.yaml': 'services:\n  api:\n    build: ./api\n    command: ["./start.sh"]\n' },
      errors: [{ line: 1, column: 1, message: message('ops/backup.sh') }],
    },
    {
      name: 'a main.py outside any component is an operational script',
      filename: 'tools/main.py',
      code: MAIN,
      errors: [{ line: 1, column: 1, message: message('tools/main.py') }],
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
    const workspace = new Workspace({ root, registry: builtinRules });
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
