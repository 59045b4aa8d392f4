import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { scriptStrictMode } from '../../../../server/src/rules/layout/script-strict-mode';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const SCRIPT = 'scripts/backend/deployment/rollout.sh';
const NO_HELP = 'This script reads arguments but prints no usage for -h/--help; add a usage function and a -h|--help case so callers can learn its parameters.';

testRule(scriptStrictMode, {
  valid: [
    { name: 'a script with set -euo pipefail', filename: SCRIPT, code: '#!/usr/bin/env bash\nset -euo pipefail\ngit log | head -1\n' },
    { name: 'long option names, several set lines', filename: SCRIPT, code: '#!/bin/bash\nset -o errexit\nset -o nounset -o pipefail\nps aux | grep api\n' },
    { name: 'sh needs no pipefail', filename: SCRIPT, code: '#!/bin/sh\nset -eu\necho "$HOME" | tr a-z A-Z\n' },
    { name: 'bash without a pipeline needs no pipefail', filename: SCRIPT, code: '#!/usr/bin/env bash\nset -eu\ngit pull --rebase || exit 1\necho "a|b"\n' },
    { name: 'shebang flags', filename: SCRIPT, code: '#!/bin/bash -eu\nmake build\n' },
    {
      name: 'the | of a banner in a multi-line echo is text, not a pipe',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\nset -eu\necho "\n  _ _\n |_|_| app\n"  # don\'t | pipe\nexec app\n',
    },
    {
      name: "an awk program's fields are no arguments: the shell expands nothing in single quotes",
      filename: SCRIPT,
      code: "#!/usr/bin/env bash\nset -euo pipefail\napt-cache policy nginx | awk '/Candidate:/ {print $2}'\necho \"it's done\"\n",
    },
    {
      name: 'strict mode from a sourced library',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\nsource "$(dirname "$0")/_lib.sh"\nls | wc -l\n',
      files: { 'scripts/backend/deployment/_lib.sh': '#!/usr/bin/env bash\nset -Eeuo pipefail\n' },
    },
    {
      name: 'a sourced library is judged with its caller',
      filename: 'scripts/backend/deployment/_lib.sh',
      code: '#!/usr/bin/env bash\nlog() { echo "$1"; }\n',
      files: { [SCRIPT]: '#!/usr/bin/env bash\nset -euo pipefail\nsource scripts/backend/deployment/_lib.sh\n' },
    },
    { name: 'no shebang: a library', filename: SCRIPT, code: 'export PATH="$PATH:/opt/bin"\n' },
    { name: 'outside the scripts root', filename: 'tools/build.sh', code: '#!/bin/bash\nmake $1\n' },
    {
      name: 'arguments with a usage function and a -h|--help arm',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\nset -euo pipefail\nusage() {\n  echo "usage: $0 <env>"\n}\ncase "${1:-}" in\n  -h|--help) usage; exit 0 ;;\nesac\necho "$1"\n',
    },
    {
      name: 'a ${1:?usage: …} check prints the usage',
      filename: 'deploy.sh',
      code: '#!/usr/bin/env bash\nset -euo pipefail\nservice="${1:?usage: deploy.sh <service> <environment>}"\n',
    },
    {
      name: 'a usage function with a leading underscore',
      filename: SCRIPT,
      code: '#!/bin/sh\nset -eu\n_usage() {\n  echo "usage: $0 <tag>"\n}\n[ $# -eq 1 ] || { _usage; exit 2; }\necho "$1"\n',
    },
    { name: 'an example shown to users, who adapt it', filename: 'scripts/on-upload-example.sh', code: '#!/bin/bash\necho "uploaded $1"\n' },
    { name: 'forwarding "$@" is not reading arguments', filename: SCRIPT, code: '#!/bin/sh\nset -eu\nexec pytest "$@"\n' },
    { name: "$1 inside a function is the function's argument", filename: SCRIPT, code: '#!/bin/sh\nset -eu\nsay() {\n  echo "$1"\n}\nsay hello\n' },
  ],
  invalid: [
    {
      name: 'no strict mode: the unsafe fix inserts the set line after the shebang',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\n# Roll out the API.\nkubectl get pods | grep api\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 20,
          message:
            'This script runs without -e, -u and pipefail; start it with "set -euo pipefail" so a failed command, an unset variable or a failed pipe stage stops it.',
        },
      ],
      suggestions: [
        [
          {
            title: 'Insert "set -euo pipefail" after the shebang',
            output: '#!/usr/bin/env bash\nset -euo pipefail\n# Roll out the API.\nkubectl get pods | grep api\n',
          },
        ],
      ],
      output: '#!/usr/bin/env bash\nset -euo pipefail\n# Roll out the API.\nkubectl get pods | grep api\n',
    },
    {
      name: 'set -e alone in sh',
      filename: SCRIPT,
      code: '#! /usr/bin/env sh\nset -e\ndocker compose up -d\n',
      errors: [
        {
          line: 1,
          column: 1,
          message: 'This script runs without -u; start it with "set -eu" so a failed command or an unset variable stops it.',
        },
      ],
      suggestions: [[{ title: 'Insert "set -eu" after the shebang', output: '#! /usr/bin/env sh\nset -eu\nset -e\ndocker compose up -d\n' }]],
      output: '#! /usr/bin/env sh\nset -eu\nset -e\ndocker compose up -d\n',
    },
    {
      name: 'a one-line script: without a pipeline, pipefail is neither asked for nor inserted',
      filename: 'deploy.sh',
      code: '#!/bin/bash',
      errors: [
        { line: 1, column: 1, message: 'This script runs without -e and -u; start it with "set -eu" so a failed command or an unset variable stops it.' },
      ],
      suggestions: [[{ title: 'Insert "set -eu" after the shebang', output: '#!/bin/bash\nset -eu\n' }]],
      output: '#!/bin/bash\nset -eu\n',
    },
    {
      name: 'an argument read in double quotes, beside a single-quoted text, is a read',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\nset -euo pipefail\necho "deploying \'$1\'" | tee -a deploy.log\n',
      errors: [{ line: 1, column: 1, message: NO_HELP }],
    },
    {
      name: 'reads its arguments but has no help',
      filename: SCRIPT,
      code: '#!/usr/bin/env bash\nset -euo pipefail\nwhile (($#)); do\n  case "$1" in\n    --dry-run) DRY_RUN=1 ;;\n  esac\n  shift\ndone\n',
      errors: [{ line: 1, column: 1, message: NO_HELP }],
    },
  ],
});

describe('PL506 and the sourced library', () => {
  it('follows an edit of the library the script sources', () => {
    const root = makeWorkspace({
      [SCRIPT]: '#!/usr/bin/env bash\nsource scripts/backend/deployment/_lib.sh\n',
      'scripts/backend/deployment/_lib.sh': '#!/usr/bin/env bash\nset -eu\n',
    });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const script = path.join(root, SCRIPT);
      const lint = () => workspace.lint(workspace.index.document(script)!).diagnostics.filter((d) => d.code === 'PL506').length;
      assert.equal(lint(), 0);
      workspace.index.setOpenDocument(new SourceDocument(path.join(root, 'scripts/backend/deployment/_lib.sh'), '#!/usr/bin/env bash\n'));
      assert.equal(lint(), 1);
    } finally {
      removeWorkspace(root);
    }
  });
});
