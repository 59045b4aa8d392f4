import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { printCall } from '../../../../server/src/rules/python/print-call';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const MESSAGE = "print() in non-test code; log with logger.info(...) so the output has a level and reaches the service's log handlers.";

testRule(printCall, {
  valid: [
    'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("hi")\n',
    { name: 'a method called print is not the builtin', code: 'report.print("x")\n' },
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
        { line: 6, column: 5, message: "print() in non-test code; log with logger.error(...) so the output has a level and reaches the service's log handlers." },
      ],
      output: 'import sys\nimport logging\n\nlogger = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logger.info("%s %s", "rows:", total)\n    logger.info(f"done in {elapsed}s")\n    logger.error(error)\n    print(total)\n',
    },
    {
      name: 'adds import logging and the logger after the docstring and imports',
      code: '"""Tool."""\nimport os\nfrom pathlib import Path\n\n\ndef main():\n    print("start", os.getpid())\n',
      errors: [{ line: 7, column: 5, endColumn: 10, message: MESSAGE }],
      output:
        '"""Tool."""\nimport os\nfrom pathlib import Path\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef main():\n    logger.info("%s %s", "start", os.getpid())\n',
    },
    {
      name: 'file=sys.stderr becomes logger.error; end and flush are dropped; sep joins the format',
      code: 'import logging\nimport sys\n\nprint("failed:", code, sep="=", file=sys.stderr, flush=True)\nprint("done", end="")\n',
      errors: [
        { line: 4, column: 1, message: "print() in non-test code; log with logger.error(...) so the output has a level and reaches the service's log handlers." },
        { line: 5, column: 1, message: MESSAGE },
      ],
      output: 'import logging\nimport sys\n\nlogger = logging.getLogger(__name__)\n\nlogger.error("%s=%s", "failed:", code)\nlogger.info("done")\n',
    },
    {
      name: 'reuses an existing module logger',
      code: 'import logging\n\nlog = logging.getLogger("jobs")\n\n\ndef run():\n    print()\n',
      errors: [{ line: 7, column: 5, message: "print() in non-test code; log with log.info(...) so the output has a level and reaches the service's log handlers." }],
      output: 'import logging\n\nlog = logging.getLogger("jobs")\n\n\ndef run():\n    log.info("")\n',
    },
    {
      name: 'no fix for prints to other files or with unpacked arguments',
      code: 'import logging\n\nlogger = logging.getLogger(__name__)\nprint("row", file=handle)\nprint(*rows)\n',
      errors: [{ line: 4, column: 1 }, { line: 5, column: 1 }],
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
      name: 'a print whose arguments are broken is left alone; one in a broken function is still a print',
      code: 'print(1 +)\ndef broken(:\n    print(2)\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});

it('PL303 fix-all on a file with many prints adds the import and the logger exactly once', () => {
  const prints = Array.from({ length: 25 }, (_, i) => `    print("step", ${i})\n`).join('');
  const code = `"""Batch job."""\nimport os\n\n\ndef main():\n${prints}`;
  const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL301: off\n  PL302: off\n' });
  try {
    const workspace = new Workspace({ root });
    workspace.index.scan();
    const result = workspace.fixAll(new SourceDocument(path.join(root, 'jobs/batch.py'), code));
    assert.equal(result.text.match(/^import logging$/gm)?.length, 1);
    assert.equal(result.text.match(/^logger = logging\.getLogger\(__name__\)$/gm)?.length, 1);
    assert.equal(result.text.match(/logger\.info\("%s %s", "step", \d+\)/g)?.length, 25);
    assert.deepEqual(result.remaining.diagnostics.filter((d) => d.code === 'PL303'), []);
  } finally {
    removeWorkspace(root);
  }
});
