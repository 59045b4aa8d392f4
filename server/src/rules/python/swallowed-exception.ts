import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { PythonModel } from '../../languages/python';
import { bareExcept } from './bare-except';
import { exceptHandlersOf, type ExceptHandler } from './support/exceptHandlers';
import { isPlaceholderStatement } from './support/statements';
import { dottedName, lastSegment, nodeText, statementsOf, walkOwnScope } from './support/tree';

const BROAD_EXCEPTIONS = new Set(['Exception', 'BaseException']);
const LOGGING_METHODS = new Set(['exception', 'error', 'critical', 'fatal', 'warning', 'warn', 'info', 'debug', 'log']);

function catchesEverything(model: PythonModel, caught: SyntaxNode | undefined): boolean {
  if (!caught) return true;
  const names =
    caught.name === 'TupleExpression' || caught.name === 'ParenthesizedExpression'
      ? caught.getChildren('VariableName').concat(caught.getChildren('MemberExpression'))
      : [caught];
  return names.some((node) => {
    const name = dottedName(model, node);
    return name !== undefined && BROAD_EXCEPTIONS.has(lastSegment(name)) && (name === lastSegment(name) || name === `builtins.${lastSegment(name)}`);
  });
}

/** Calls that end the program or the request with the failure (they raise SystemExit or an HTTP error): the error is not hidden. */
const EXITS = new Set(['exit', 'quit', 'sys.exit', 'os._exit', 'abort', 'flask.abort']);

/** The traceback module's printers and formatters: the handler shows the error, on stderr or in its result. */
const TRACEBACK_OUTPUT = /^traceback\.(?:print_exc|print_exception|format_exc|format_exception)$/;
/** A logging handler's `emit()` reports its own failure so, as the logging module's handlers do: logging it would recurse. */
const LOGGING_HANDLER_ERROR = 'self.handleError';

/** A logging method called on a receiver about logging: `logger.error`, `self.log.warning`, `logging.getLogger(name).exception`. */
function isLoggingCall(model: PythonModel, callee: SyntaxNode): boolean {
  if (callee.name !== 'MemberExpression') return false;
  const method = callee.lastChild;
  const receiver = callee.firstChild;
  return method?.name === 'PropertyName' && LOGGING_METHODS.has(nodeText(model, method)) && receiver !== null && /log/i.test(nodeText(model, receiver));
}

/**
 * A re-raise, an exit (`sys.exit(1)`, Flask's `abort(500)`), a call such as
 * `logger.exception(...)`, `logging.error(...)`, `self.log.warning(...)`, or
 * the traceback printed or formatted (`traceback.print_exc()`).
 */
function raisesOrLogs(model: PythonModel, body: SyntaxNode): boolean {
  let found = false;
  walkOwnScope(body, (cursor) => {
    if (found) return;
    if (cursor.name === 'RaiseStatement') found = true;
    else if (cursor.name === 'CallExpression') {
      const callee = cursor.node.firstChild;
      const name = dottedName(model, callee);
      if (
        (callee && isLoggingCall(model, callee)) ||
        (name !== undefined && (EXITS.has(name) || TRACEBACK_OUTPUT.test(name) || name === LOGGING_HANDLER_ERROR))
      )
        found = true;
    }
  });
  return found;
}

/**
 * Whether the handler hands the exception on: passes it to a helper that
 * logs or raises (`self._fail(..., exception=e)`), stores it to raise later
 * (`error = e`), or returns it as a result (`Result(error=e)`). The error is
 * not hidden: the code that receives it decides.
 */
function handsOn(model: PythonModel, handler: ExceptHandler): boolean {
  if (!handler.bound) return false;
  const name = nodeText(model, handler.bound);
  let used = false;
  walkOwnScope(handler.body, (cursor) => {
    if (!used && cursor.name === 'VariableName' && nodeText(model, cursor.node) === name) used = true;
  });
  return used;
}

export const swallowedException = defineRule({
  meta: {
    code: 'PL305',
    name: 'python/swallowed-exception',
    summary: 'A handler of Exception (or everything) that only passes or continues, or neither re-raises nor logs.',
    severity: 'warning',
    peerCodes: ['S110', 'S112', 'BLE001', 'broad-except', 'broad-exception-caught', 'W0703', 'W0718'],
    policy: 'Errors are never silently swallowed: a handler handles, logs or re-raises.',
    fixable: 'no',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: {
      ...CHECK_TESTS_OPTION,
      checkTypedExceptions: {
        type: 'boolean',
        default: false,
        description:
          "Also report a handler of a named exception whose body is only `pass` or `continue` (`except KeyError: pass`), as Ruff's `check-typed-exception` does for S110. Off by default: ignoring an expected, named failure (an optional import, a missing key, a file already gone) is a decision, not a hidden error.",
      },
    },
    docs: {
      language: 'python',
      rationale:
        'A handler that does nothing turns a failure into silence: the job reports success, the data is half written and nobody learns why until much later. Catching everything without logging or re-raising does the same for errors nobody anticipated.' +
        EXEMPT_CODE_NOTE,
      bad: `for path in paths:
    try:
        upload(path)
    except Exception:
        continue
`,
      good: `for path in paths:
    try:
        upload(path)
    except Exception:
        logger.exception("upload of %s failed", path)
        continue
`,
      peers:
        "Combines Ruff S110 (`try`-`except`-`pass`) and S112 (`try`-`except`-`continue`), like them for `Exception`, `BaseException` and a bare `except:` unless `checkTypedExceptions` asks for named exceptions too (their `check-typed-exception`), and BLE001 (blind except) for `Exception`, `BaseException` and a bare `except:`. Where BLE001 accepts only `logging.exception()` or `exc_info=True`, Plumbline accepts any call of a logging method (`exception`, `error`, `warning`, `info`, `debug`, `critical`, `log`) on a receiver whose name contains \"log\" (`logger`, `log`, `logging`, `self._logger`, `logging.getLogger(__name__)`), the traceback printed or formatted (`traceback.print_exc()`, `traceback.format_exc()`), a logging handler's `self.handleError(record)` (how the logging module's own handlers report a failed `emit()`), or any `raise` in the handler, or a call that ends the program or the request with the failure (`sys.exit(1)`, `exit()`, `os._exit()`, Flask's `abort(500)`), or a handler that hands the exception it bound on (`except Exception as e:` then `self._fail(..., exception=e)`, `error = e` to raise later, `return Result(error=e)`): the code that receives it decides. A bare `except:` is left to PL304 (one finding per handler) unless PL304 is off; after PL304's fix (`except Exception:`) this rule judges the handler.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    // PL304 already reports every bare `except:`; its fix names Exception, and this rule then judges the handler.
    const bareHandlersReported = context.config.severityOf(bareExcept) !== 'off';
    const checkTypedExceptions = context.options.checkTypedExceptions === true;
    for (const handler of exceptHandlersOf(model)) {
      if (model.hasErrorIn(handler.keyword.from, handler.body.to)) continue;
      if (!handler.caught && bareHandlersReported) continue;
      const statements = statementsOf(handler.body);
      const target = handler.caught ?? handler.keyword;
      const range = model.document.rangeOf(target.from, target.to);
      const broad = catchesEverything(model, handler.caught);
      if ((broad || checkTypedExceptions) && statements.length > 0 && statements.every((s) => isPlaceholderStatement(s) || s.name === 'ContinueStatement')) {
        const what = nodeText(model, statements[0]!).trim();
        context.report({ message: `This handler swallows the error (its body is only "${what}"); log it, handle it or re-raise.`, range });
      } else if (broad && !raisesOrLogs(model, handler.body) && !handsOn(model, handler)) {
        const caught = handler.caught ? nodeText(model, handler.caught) : 'everything';
        context.report({
          message: `Catching ${caught} without re-raising or logging hides unexpected failures; log it (logger.exception(...)), re-raise, or catch a narrower exception.`,
          range,
        });
      }
    }
  },
});
