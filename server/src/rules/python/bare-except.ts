import { defineRule } from '../../engine/rule';
import { exceptHandlersOf } from './support/exceptHandlers';
import { nodeText, statementsOf } from './support/tree';

/** What every bare `except:` clause spells, a line continuation before its colon included. */
const BARE_EXCEPT_TEXT = /\bexcept[\s\\]*:/;

export const bareExcept = defineRule({
  meta: {
    code: 'PL304',
    name: 'python/bare-except',
    summary: 'A bare `except:` clause.',
    severity: 'warning',
    peerCodes: ['E722', 'bare-except', 'W0702'],
    policy: 'Errors are handled deliberately: a handler names what it catches.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['python'],
    localTo: 'top-level statement',
    docs: {
      language: 'python',
      rationale:
        'A bare `except:` also catches `KeyboardInterrupt` and `SystemExit`, so Ctrl-C and `sys.exit()` stop working inside it and a container that is asked to stop keeps running. Catching `Exception` keeps those working; naming the specific exception is better still. A handler that cleans up and ends with a bare `raise` (`except: session.rollback(); raise`) is not reported: the interrupt or exit goes on, after a cleanup it needs as much as any error does.',
      bad: `try:
    sync_accounts()
except:
    logger.exception("sync failed")
`,
      good: `try:
    sync_accounts()
except Exception:
    logger.exception("sync failed")
`,
      fix: "Rewrites `except:` to `except Exception:`, which keeps the handler's intent without swallowing interrupts and exits. It is unsafe: Ctrl-C and `sys.exit()` inside the `try` stop being caught, which is the point but changes what the program does.",
      peers:
        "pycodestyle/Ruff E722 (which also reports a bare `except:` that re-raises; Plumbline follows Ruff's BLE001 there), with the same fix Ruff does not offer automatically. A bare `except:` is one finding, this one: PL305 judges whether the handler swallows the error once the fix names Exception (or when PL304 is off).",
    },
  },
  check(context) {
    // Without the words no module is parsed for this rule, which also judges test modules that no other rule reads.
    if (!BARE_EXCEPT_TEXT.test(context.document.text)) return;
    const model = context.parsed;
    for (const handler of exceptHandlersOf(model)) {
      if (handler.caught || model.hasErrorIn(handler.keyword.from, handler.body.from + 1)) continue;
      // Clean up and re-raise (`except: session.rollback(); raise`): an interrupt or an exit goes on, after the cleanup it needs too.
      const last = statementsOf(handler.body).at(-1);
      if (last?.name === 'RaiseStatement' && nodeText(model, last).trim() === 'raise') continue;
      const { from, to } = handler.keyword;
      context.report({
        message: 'Bare "except:" also catches KeyboardInterrupt and SystemExit; catch Exception (or something narrower).',
        range: model.document.rangeOf(from, to),
        fixes: [{ title: 'Catch Exception', edits: [{ range: model.document.rangeOf(to, to), newText: ' Exception' }], isPreferred: true }],
      });
    }
  },
});
