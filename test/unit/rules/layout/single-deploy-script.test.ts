import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { singleDeployScript } from '../../../../server/src/rules/layout/single-deploy-script';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

testRule(singleDeployScript, {
  valid: [
    { name: 'the only deploy script', filename: 'deploy.sh', code: '#!/bin/sh\n' },
    { name: 'the root deploy.sh stays when there are others', filename: 'deploy.sh', code: '#!/bin/sh\n', files: { 'services/api/deploy-api.sh': 'echo\n' } },
    {
      name: 'other scripts are not deploy entry points',
      filename: 'scripts/backend/deployment/migrate.sh',
      code: 'echo\n',
      files: { 'deploy.sh': 'echo\n', 'deployment.sh': 'echo\n', 'redeploy.sh': 'echo\n' },
    },
    {
      name: 'a deploy step that an image copies is part of the product, not a second way to deploy',
      filename: 'webhook/deploy-hook.sh',
      code: '#!/bin/sh\nexec /app/reload\n',
      files: { 'deploy.sh': 'echo\n', 'webhook/Dockerfile': 'FROM alpine:3.20\nCOPY deploy-hook.sh /usr/local/bin/\n' },
    },
    {
      name: 'a deploy library that the root script sources',
      filename: 'install/deploy-lib.sh',
      code: 'log() { echo "$@"; }\n',
      files: { 'deploy.sh': '#!/bin/bash\nsource install/deploy-lib.sh\n' },
    },
    { name: 'a deploy test', filename: 'tests/deploy_test.sh', code: 'echo\n', files: { 'deploy.sh': 'echo\n' } },
    {
      name: 'a product deploy script does not make the real one the second',
      filename: 'ops/deploy.sh',
      code: 'echo\n',
      files: { 'tool/src/deploy.sh': 'echo\n' },
    },
  ],
  invalid: [
    {
      name: 'a second deploy script next to the root deploy.sh',
      filename: 'services/api/deploy-api.sh',
      code: '#!/bin/sh\nkubectl apply -f api.yaml\n',
      files: { 'deploy.sh': '#!/bin/sh\n' },
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 10,
          message:
            '"services/api/deploy-api.sh" is a second deploy entry script; fold it into "deploy.sh" (as an argument or target) so there is one way to deploy.',
        },
      ],
    },
    {
      name: 'without a root deploy.sh the shallowest one stays',
      filename: 'scripts/backend/deployment/deploy_prod.sh',
      code: 'echo\n',
      files: { 'ops/deploy.sh': 'echo\n' },
      errors: [{ line: 1, column: 1, message: /fold it into "ops\/deploy\.sh"/ }],
    },
  ],
});

it('PL503 points at every other deploy script', () => {
  const root = makeWorkspace({ 'deploy.sh': 'echo\n', 'a/deploy-a.sh': 'echo\n', 'b/deploy.b.bash': 'echo\n' });
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const file = path.join(root, 'a/deploy-a.sh');
    const [diagnostic] = workspace.lint(new SourceDocument(file, 'echo\n')).diagnostics.filter((d) => d.code === 'PL503');
    assert.deepEqual(diagnostic!.related!.map((r) => [path.relative(root, r.path), r.range.start.line, r.message]).sort(), [
      ['b/deploy.b.bash', 0, 'Another deploy entry script'],
      ['deploy.sh', 0, 'The deploy entry script that stays'],
    ]);
  } finally {
    removeWorkspace(root);
  }
});
