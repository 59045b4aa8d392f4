import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { printCall } from '../../../../server/src/rules/python/print-call';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const BROKEN_SOURCE_CASE = 'a print whose arguments are broken is left alone; one in a broken function is still a print';
const MESSAGE = "print() in non-test code; log with logger.info(...) so the output has a level and reaches the service's log handlers.";

const cases: Parameters<typeof testRule>[1] = {
  valid: [
    {
      name: 'a dump written to a stream the caller chose',
      code: 'def print_stacks(file=None):\n    for frame in frames():\n        print(frame, file=file)\n',
    },
    {
      name: 'a module the package declares as a console script prints to its user',
      filename: 'src/ledger/cli.py',
      code: 'def version():\n    print(f"ledger {__version__}")\n\n\ndef main():\n    version()\n',
      files: { 'pyproject.toml': '[project]\nname = "ledger"\n\n[project.scripts]\nledger = "ledger.cli:main"\n' },
    },
    {
      name: 'and one under the folder hatch packages from (sources = ["netbox"])',
      filename: 'netbox/netbox/cli.py',
      code: 'def main():\n    print("netbox 4.2")\n',
      files: {
        'pyproject.toml':
          '[project]\nname = "netbox"\n\n[project.scripts]\nnetbox = "netbox.cli:main"\n\n[tool.hatch.build.targets.wheel]\nsources = ["netbox"]\n',
      },
    },
    {
      name: "and under setuptools' package-dir",
      filename: 'lib/ledger/cli.py',
      code: 'def main():\n    print("ledger 1.0")\n',
      files: { 'pyproject.toml': '[project.scripts]\nledger = "ledger.cli:main"\n\n[tool.setuptools.package-dir]\n"" = "lib"\n' },
    },
    {
      name: 'a function handed to typer.run is a command',
      code: 'import sys\n\nimport typer\n\n\ndef main(path: str):\n    print(f"cannot read {path}", file=sys.stderr)\n    raise typer.Exit(1)\n\n\nif __name__ == "__main__":\n    typer.run(main)\n',
    },
    {
      name: 'a blank line that spaces out a report has nothing to log',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef report(rows):\n    logger.info("%s rows", len(rows))\n    print()\n    print("", end="\\n")\n',
    },
    { name: 'setup.py prints build output', filename: 'setup.py', code: 'from setuptools import setup\n\nprint("Building css")\nsetup(name="hub")\n' },
    {
      name: 'a Django management command prints to the person who ran it',
      filename: 'billing/management/commands/prune_invoices.py',
      code: 'from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n        pruned = prune()\n        print(f"Pruned {pruned} invoices")\n',
    },
    'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("hi")\n',
    { name: 'a method called print is not the builtin', code: 'report.print("x")\n' },
    {
      name: 'commands of a CLI (click, Flask AppGroup, typer) print to the person who ran them',
      code: 'import click\n\n\n@manager.command(name="list")\n@click.option("--org")\ndef list_groups(org):\n    for group in groups(org):\n        print("Id: {}".format(group.id))\n\n\n@click.group()\ndef cli():\n    print("admin tools")\n',
    },
    { name: 'test_*.py', filename: 'app/test_service.py', code: 'print("debug")\n' },
    { name: '*_test.py', filename: 'app/service_test.py', code: 'print("debug")\n' },
    { name: 'tests/ folder', filename: 'tests/unit/helpers.py', code: 'print("debug")\n' },
    { name: 'conftest.py', filename: 'conftest.py', code: 'print("debug")\n' },
    { name: 'Python 2 print statements are not calls', code: 'print "x"\n' },
    {
      name: "a script's result on stdout is its interface",
      code: 'import hashlib\nimport sys\n\n\ndef main() -> int:\n    digest = hashlib.sha256(sys.stdin.buffer.read()).hexdigest()\n    print(digest)\n    print(render(report), file=sys.stdout)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    {
      name: 'print in strings, comments and other names',
      code: 'HELP = "call print(x) to debug"\n# print(value)\npprint(data)\nprint_report()\nblueprint(app)\n',
    },
  ],
  invalid: [
    {
      name: 'a value print in a module that is no script is a log line',
      code: 'def report(total):\n    print(total)\n',
      errors: [{ line: 2, column: 5, endColumn: 10, message: MESSAGE }],
      output: 'import logging\n\nlogger = logging.getLogger(__name__)\ndef report(total):\n    logger.info(total)\n',
    },
    {
      name: 'in a script, messages and prints to stderr are still log lines',
      code: 'import sys\n\nif __name__ == "__main__":\n    print("rows:", total)\n    print(f"done in {elapsed}s")\n    print(error, file=sys.stderr)\n    print(total)\n',
      errors: [
        { line: 4, column: 5, message: MESSAGE },
        { line: 5, column: 5, message: MESSAGE },
        {
          line: 6,
          column: 5,
          message: "print() in non-test code; log with logger.error(...) so the output has a level and reaches the service's log handlers.",
        },
      ],
      output:
        'import logging\nimport sys\n\nlogger = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logger.info("rows: %s", total)\n    logger.info("done in %ss", elapsed)\n    logger.error(error)\n    print(total)\n',
    },
    {
      name: 'import logging joins the standard-library imports in isort order; the logger goes after the imports',
      code: '"""Tool."""\nimport os\nfrom pathlib import Path\n\n\ndef main():\n    print("start", os.getpid())\n',
      errors: [{ line: 7, column: 5, endColumn: 10, message: MESSAGE }],
      suggestions: [[{ title: 'Replace print() with logger.info()', applicability: 'unsafe' }]],
      output:
        '"""Tool."""\nimport logging\nimport os\nfrom pathlib import Path\n\nlogger = logging.getLogger(__name__)\n\n\ndef main():\n    logger.info("start %s", os.getpid())\n',
    },
    {
      name: 'literal pieces merge into the format string',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint("user not found:", user_id)\nprint(\'say "hi" to\', name, "now")\nprint("a", "b", sep="")\nprint("100% done")\n',
      errors: [
        { line: 4, column: 1 },
        { line: 5, column: 1 },
        { line: 6, column: 1 },
        { line: 7, column: 1 },
      ],
      output:
        'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("user not found: %s", user_id)\nlogger.info(\'say "hi" to %s now\', name)\nlogger.info("ab")\nlogger.info("100% done")\n',
    },
    {
      name: 'shebang, docstring, __future__ and three sections: import logging among the standard library, f-string fields become arguments',
      code: '#!/usr/bin/env python3\n"""Sync users."""\nfrom __future__ import annotations\n\nimport json\nimport sys\n\nimport requests\n\nfrom app.db import session\n\n\ndef main() -> None:\n    print(f"synced {count} users in {elapsed!r}s, 100% done")\n',
      errors: [{ line: 14, column: 5 }],
      output:
        '#!/usr/bin/env python3\n"""Sync users."""\nfrom __future__ import annotations\n\nimport json\nimport logging\nimport sys\n\nimport requests\n\nfrom app.db import session\n\nlogger = logging.getLogger(__name__)\n\n\ndef main() -> None:\n    logger.info("synced %s users in %rs, 100%% done", count, elapsed)\n',
    },
    {
      name: 'only third-party imports: import logging opens a standard-library section above them',
      code: 'import requests\n\nprint("fetched", len(pages), "pages")\n',
      errors: [{ line: 3, column: 1 }],
      output: 'import logging\n\nimport requests\n\nlogger = logging.getLogger(__name__)\n\nlogger.info("fetched %s pages", len(pages))\n',
    },
    {
      name: 'only a __future__ import: logging gets a section of its own after it',
      code: 'from __future__ import annotations\nprint("ready")\n',
      errors: [{ line: 2, column: 1 }],
      output: 'from __future__ import annotations\n\nimport logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("ready")\n',
    },
    {
      name: 'an f-string with a format spec stays one argument',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint(f"took {seconds:.2f}s")\n',
      errors: [{ line: 4, column: 1 }],
      output: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info(f"took {seconds:.2f}s")\n',
    },
    {
      name: 'file=sys.stderr becomes logger.error; flush and a newline end are dropped; sep joins the format',
      code: 'import logging\nimport sys\n\nprint("failed:", code, sep="=", file=sys.stderr, flush=True)\nprint("done", end="\\n")\n',
      errors: [
        {
          line: 4,
          column: 1,
          message: "print() in non-test code; log with logger.error(...) so the output has a level and reaches the service's log handlers.",
        },
        { line: 5, column: 1, message: MESSAGE },
      ],
      output: 'import logging\nimport sys\n\nlogger = logging.getLogger(__name__)\n\nlogger.error("failed:=%s", code)\nlogger.info("done")\n',
    },
    {
      name: 'no fix for a print that keeps the line open (end="")',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint("loading", end="")\n',
      errors: [{ line: 4, column: 1 }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'a literal whose escapes could spell % is passed as a value, not merged into the format',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint("\\x25d", n)\n',
      errors: [{ line: 4, column: 1 }],
      output: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("%s %s", "\\x25d", n)\n',
    },
    {
      name: 'reuses an existing module logger',
      code: 'import logging\n\nlog = logging.getLogger("jobs")\n\n\ndef run():\n    print("done")\n',
      errors: [
        { line: 7, column: 5, message: "print() in non-test code; log with log.info(...) so the output has a level and reaches the service's log handlers." },
      ],
      output: 'import logging\n\nlog = logging.getLogger("jobs")\n\n\ndef run():\n    log.info("done")\n',
    },
    {
      name: 'no fix for prints with unpacked arguments',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint(*rows)\n',
      errors: [{ line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'a module without docstring or imports gets the logger after the shebang; CRLF kept',
      code: '#!/usr/bin/env python3\r\nprint("hi")\r\n',
      errors: [{ line: 2, column: 1 }],
      output: '#!/usr/bin/env python3\r\nimport logging\r\n\r\nlogger = logging.getLogger(__name__)\r\nlogger.info("hi")\r\n',
    },
    {
      name: 'test code is checked with checkTests',
      filename: 'tests/test_api.py',
      options: { checkTests: true },
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint(1)\n',
      errors: [{ line: 4, column: 1 }],
      output: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info(1)\n',
    },
    {
      name: BROKEN_SOURCE_CASE,
      code: '"""Reports."""\nprint(1 +)\ndef broken(:\n    print(2)\n',
      errors: [{ line: 4, column: 5 }],
      output: '"""Reports."""\nimport logging\n\nlogger = logging.getLogger(__name__)\nprint(1 +)\ndef broken(:\n    logger.info(2)\n',
    },
  ],
};

testRule(printCall, cases);

it('PL303: every fixed output still compiles (python3 -m py_compile)', (t) => {
  if (spawnSync('python3', ['--version']).error) return t.skip('python3 is not installed');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-print-'));
  try {
    const files = cases.invalid.flatMap((testCase, index) => {
      // A case that starts with a syntax error keeps it after the fix.
      if (typeof testCase.output !== 'string' || testCase.name === BROKEN_SOURCE_CASE) return [];
      const file = path.join(directory, `case_${index}.py`);
      fs.writeFileSync(file, testCase.output);
      return [file];
    });
    assert.ok(files.length >= 8);
    const compiled = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    assert.equal(compiled.stderr, '');
    assert.equal(compiled.status, 0);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

it('PL303 fix-all with unsafe fixes on a file with many prints adds the import and the logger exactly once', () => {
  const prints = Array.from({ length: 25 }, (_, i) => `    print("step", ${i})\n`).join('');
  const code = `"""Batch job."""\nimport os\n\n\ndef main():\n${prints}`;
  const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL301: off\n  PL302: off\n' });
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const result = workspace.fixAll(new SourceDocument(path.join(root, 'jobs/batch.py'), code), { unsafe: true });
    assert.equal(result.text.match(/^import logging$/gm)?.length, 1);
    assert.equal(result.text.match(/^logger = logging\.getLogger\(__name__\)$/gm)?.length, 1);
    assert.equal(result.text.match(/logger\.info\("step %s", \d+\)/g)?.length, 25);
    assert.deepEqual(
      result.remaining.diagnostics.filter((d) => d.code === 'PL303'),
      [],
    );
  } finally {
    removeWorkspace(root);
  }
});
