import { bareExcept } from '../../../../server/src/rules/python/bare-except';
import { testRule } from '../../../helpers/ruleTester';

const MESSAGE = 'Bare "except:" also catches KeyboardInterrupt and SystemExit; catch Exception (or something narrower).';

testRule(bareExcept, {
  valid: [
    'try:\n    run()\nexcept Exception:\n    log()\n',
    'try:\n    run()\nexcept (ValueError, KeyError) as error:\n    log(error)\n',
    {
      name: 'cleanup that re-raises: the interrupt goes on after the rollback',
      code: 'try:\n    session.commit()\nexcept:\n    session.rollback()\n    raise\n',
    },
    { name: 'except* groups', code: 'try:\n    run()\nexcept* ValueError:\n    log()\n' },
    { name: 'try/finally has no handler', code: 'try:\n    run()\nfinally:\n    close()\n' },
    { name: 'the word except in a comment or a string', code: '# except: never do this\nRULE = "except: is banned"\nexcept_all = False\n' },
  ],
  invalid: [
    {
      name: 'a handler that raises something else swallows the interrupt',
      code: 'try:\n    run()\nexcept:\n    raise RuntimeError("run failed")\n',
      errors: [{ line: 3, column: 1, endColumn: 7, message: MESSAGE }],
      output: 'try:\n    run()\nexcept Exception:\n    raise RuntimeError("run failed")\n',
    },
    {
      name: 'bare except at the keyword, fixed to except Exception',
      code: 'try:\n    run()\nexcept:\n    logger.exception("run failed")\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 7, message: MESSAGE }],
      output: 'try:\n    run()\nexcept Exception:\n    logger.exception("run failed")\n',
    },
    {
      name: 'the second of several handlers, nested in an async function, tabs',
      code: 'async def main():\n\ttry:\n\t\tawait run()\n\texcept ValueError:\n\t\tlog()\n\texcept:\n\t\tlogger.exception("run failed")\n',
      errors: [{ line: 6, column: 2, endColumn: 8 }],
      output: 'async def main():\n\ttry:\n\t\tawait run()\n\texcept ValueError:\n\t\tlog()\n\texcept Exception:\n\t\tlogger.exception("run failed")\n',
    },
    {
      name: 'a line continuation before the colon',
      code: 'try:\n    run()\nexcept \\\n:\n    logger.exception("run failed")\n',
      errors: [{ line: 3, column: 1, endColumn: 7, message: MESSAGE }],
      output: 'try:\n    run()\nexcept Exception \\\n:\n    logger.exception("run failed")\n',
    },
    {
      name: 'one-line handler, CRLF',
      code: 'try: run()\r\nexcept: logger.exception("run failed")\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'try: run()\r\nexcept Exception: logger.exception("run failed")\r\n',
    },
    {
      name: 'a syntax error elsewhere does not hide it',
      code: 'def broken(:\n    pass\n\ntry:\n    run()\nexcept:\n    logger.exception("run failed")\n',
      errors: [{ line: 6, column: 1 }],
      output: 'def broken(:\n    pass\n\ntry:\n    run()\nexcept Exception:\n    logger.exception("run failed")\n',
    },
  ],
});
