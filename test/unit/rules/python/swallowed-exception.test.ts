import { swallowedException } from '../../../../server/src/rules/python/swallowed-exception';
import { testRule } from '../../../helpers/ruleTester';

const broad = (what: string) =>
  `Catching ${what} without re-raising or logging hides unexpected failures; log it (logger.exception(...)), re-raise, or catch a narrower exception.`;

testRule(swallowedException, {
  valid: [
    {
      name: "a logging handler reports its own failure with handleError, as the logging module's handlers do",
      code: 'class QueueHandler(logging.Handler):\n    def emit(self, record):\n        try:\n            self.queue.put(self.format(record))\n        except Exception:\n            self.handleError(record)\n',
    },
    'try:\n    run()\nexcept Exception:\n    logger.exception("run failed")\n',
    'try:\n    run()\nexcept BaseException:\n    cleanup()\n    raise\n',
    { name: 'a narrow handler may recover', code: 'try:\n    value = int(text)\nexcept ValueError:\n    value = 0\n' },
    {
      name: 'logging through a logger fetched in place, and a traceback printed or returned',
      code: 'try:\n    run()\nexcept Exception:\n    logging.getLogger("shop").exception("run failed")\ntry:\n    load()\nexcept Exception:\n    traceback.print_exc()\n\n\ndef handle():\n    try:\n        return render()\n    except Exception:\n        return traceback.format_exc()\n',
    },
    { name: 'logging through self._log', code: 'try:\n    run()\nexcept Exception as error:\n    self._log.warning("retrying: %s", error)\n' },
    {
      name: 'a command that reports the failure and exits non-zero, a request aborted with an error',
      code: 'try:\n    create_group(name)\nexcept Exception as error:\n    print("Failed to create group: %s" % error)\n    sys.exit(1)\ntry:\n    load()\nexcept Exception:\n    abort(500)\n',
    },
    { name: 'raise from', code: 'try:\n    run()\nexcept Exception as error:\n    raise RuntimeError("run failed") from error\n' },
    {
      name: 'the error handed on: to a helper that logs and raises, kept to raise later, returned as a result',
      code: [
        'def consume(self, job):',
        '    try:',
        '        job.run()',
        '    except Exception as error:',
        '        self._fail("job failed", exception=error)',
        '',
        '',
        'def run_all(steps):',
        '    failure = None',
        '    for step in steps:',
        '        try:',
        '            step()',
        '        except Exception as error:',
        '            failure = error',
        '    if failure:',
        '        raise failure',
        '',
        '',
        'def import_one(row):',
        '    try:',
        '        return Result(value=parse(row))',
        '    except Exception as error:',
        '        return Result(error=error)',
        '',
      ].join('\n'),
    },
    {
      name: 'a named exception ignored on purpose: an optional import, a missing key, a file already gone (as Ruff S110 by default)',
      code: 'try:\n    import ujson as json\nexcept ImportError:\n    pass\ntry:\n    del cache[key]\nexcept KeyError:\n    pass\nfor path in paths:\n    try:\n        os.remove(path)\n    except (FileNotFoundError, PermissionError):\n        continue\n',
    },
    {
      name: "a bare except is PL304's finding, not a second one",
      code: 'try:\n    db = connect()\nexcept:\n    db = None\ntry:\n    run()\nexcept:\n    pass\n',
    },
  ],
  invalid: [
    {
      name: 'a handler of Exception that only passes, at the caught type',
      code: 'try:\n    run()\nexcept Exception:\n    pass\n',
      errors: [{ line: 3, column: 8, endColumn: 17, message: 'This handler swallows the error (its body is only "pass"); log it, handle it or re-raise.' }],
    },
    {
      name: 'checkTypedExceptions: named exceptions too, passing or continuing in a loop',
      code: 'try:\n    run()\nexcept KeyError:\n    pass\nfor path in paths:\n    try:\n        upload(path)\n    except (OSError, ValueError) as error:\n        continue\n',
      options: { checkTypedExceptions: true },
      errors: [
        { line: 3, column: 8, endColumn: 16, message: 'This handler swallows the error (its body is only "pass"); log it, handle it or re-raise.' },
        { line: 8, column: 12, endColumn: 33, message: 'This handler swallows the error (its body is only "continue"); log it, handle it or re-raise.' },
      ],
    },
    {
      name: 'broad handlers without logging: Exception (its error unused), tuple with BaseException',
      code: 'try:\n    run()\nexcept Exception as error:\n    notify_admins()\ntry:\n    run()\nexcept (ValueError, BaseException):\n    retry()\n',
      errors: [
        { line: 3, column: 8, endColumn: 17, message: broad('Exception') },
        { line: 7, column: 8, message: broad('(ValueError, BaseException)') },
      ],
    },
    {
      name: 'a bare except when PL304 is off',
      code: 'try:\n    run()\nexcept:\n    retry()\ntry:\n    run()\nexcept:\n    pass\n',
      files: { '.plumbline.yaml': 'rules:\n  PL304: off\n' },
      errors: [
        { line: 3, column: 1, endColumn: 7, message: broad('everything') },
        { line: 7, column: 1, endColumn: 7, message: 'This handler swallows the error (its body is only "pass"); log it, handle it or re-raise.' },
      ],
    },
    {
      name: 'logging inside a nested function does not count',
      code: 'try:\n    run()\nexcept Exception:\n    def later():\n        logger.exception("x")\n    schedule(later)\n',
      errors: [{ line: 3, column: 8 }],
    },
  ],
});
