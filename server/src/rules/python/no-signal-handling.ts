import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, EXEMPT_CODE_NOTE, isExemptCode } from '../support/exemptCode';
import type { PythonModel } from '../../languages/python';
import type { PyDefinition } from './support/definitions';
import { exceptHandlersOf } from './support/exceptHandlers';
import { moduleFacts } from './support/moduleFacts';
import { mayHaveMainGuard } from './support/statements';
import { callOf, dottedName, lastSegment, nodeText, walk } from './support/tree';

/** Calls that block serving or looping until the process is told to stop. */
/** Calls that serve until stopped. uvicorn.run() and aiohttp's run_app() are not among them: they stop cleanly on SIGTERM and SIGINT themselves. */
const SERVING_CALLS = new Set(['serve_forever', 'run_forever', 'start_server', 'create_server', 'serve']);
/** Calls that install a signal handler, by the callee's last name: `signal.signal`, `loop.add_signal_handler`. */
const SIGNAL_SETUP = ['signal', 'add_signal_handler', 'set_wakeup_fd'];

interface Endless {
  node: SyntaxNode;
  what: string;
}

/** A `while True:`/`while 1:` loop or a serving call in `root`, following calls to module-level functions once each. */
function findEndless(model: PythonModel, root: SyntaxNode, functions: Map<string, PyDefinition>, visited: Set<string>): Endless | undefined {
  let found: Endless | undefined;
  walk(root, (cursor) => {
    if (found) return false;
    if (cursor.name === 'WhileStatement') {
      const condition = cursor.node.firstChild?.nextSibling;
      if (condition && /^(?:True|1)$/.test(nodeText(model, condition)))
        found = { node: cursor.node.firstChild!, what: `"while ${nodeText(model, condition)}" loop` };
    } else if (cursor.name === 'CallExpression') {
      const callee = dottedName(model, cursor.node.firstChild);
      if (!callee) return undefined;
      const name = lastSegment(callee);
      if (SERVING_CALLS.has(name)) {
        found = { node: cursor.node.firstChild!, what: `${callee}() server` };
      } else if (functions.has(callee) && !visited.has(callee)) {
        visited.add(callee);
        found = findEndless(model, functions.get(callee)!.body!, functions, visited);
      }
    }
    return undefined;
  });
  return found;
}

function handlesSignals(model: PythonModel): boolean {
  return SIGNAL_SETUP.some((name) => model.nodesAtText(name, callOf).length > 0);
}

/** An `except KeyboardInterrupt` clause: Python raises it on SIGINT, so Ctrl-C is handled; SIGTERM, which orchestrators send, is not. */
function catchesKeyboardInterrupt(model: PythonModel): boolean {
  return exceptHandlersOf(model).some((handler) => handler.caught !== undefined && /\bKeyboardInterrupt\b/.test(nodeText(model, handler.caught)));
}

export const noSignalHandling = defineRule({
  meta: {
    code: 'PL309',
    name: 'python/no-signal-handling',
    summary: 'A script whose `__main__` block runs an endless loop or a server without handling SIGTERM/SIGINT.',
    severity: 'info',
    policy: 'Long-running processes shut down gracefully: they handle SIGTERM and SIGINT.',
    fixable: 'no',
    kinds: ['python'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'Orchestrators stop a container with SIGTERM and, after a grace period, SIGKILL. A worker loop that ignores SIGTERM is killed mid-job: the message it was processing is lost or handled twice. Handling the signal lets it finish the current unit of work and exit cleanly.' +
        EXEMPT_CODE_NOTE,
      bad: `if __name__ == "__main__":
    while True:
        process(queue.get())
`,
      good: `import signal

stopping = False


def stop(signum, frame):
    global stopping
    stopping = True


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        process(queue.get(timeout=1))
`,
      peers:
        'No common linter checks this. Plumbline looks at the `if __name__ == "__main__":` block and the module-level functions it calls (transitively): a `while True:`/`while 1:` loop, `serve_forever()`, `run_forever()`, `start_server()`, `create_server()` or `serve()` counts as long-running; `uvicorn.run()` and aiohttp `web.run_app()` do not, since they shut down cleanly on SIGTERM and SIGINT themselves. Any `signal.signal(...)` or `loop.add_signal_handler(...)` call in the module counts as handling, whichever signal it names; an `except KeyboardInterrupt` handles only SIGINT, and the message then says SIGTERM is what is missing. It is a hint (severity info): other servers may install their own handlers, which Plumbline cannot see.',
    },
  },
  check(context) {
    // A test's helper process (an echo server a test starts and kills) is not a service that an orchestrator stops.
    if (!mayHaveMainGuard(context.document.text) || isExemptCode(context)) return;
    const model = context.parsed;
    const facts = moduleFacts(model);
    if (facts.mainBlocks.length === 0) return;
    const functions = new Map(facts.definitions.filter((d) => d.kind === 'function' && !d.parent && !d.broken).map((d) => [d.name, d] as const));
    const visited = new Set<string>();
    for (const block of facts.mainBlocks) {
      const endless = findEndless(model, block, functions, visited);
      if (!endless) continue;
      if (handlesSignals(model)) return;
      const runs = `The __main__ block runs ${/^[aeiou]/i.test(endless.what) ? 'an' : 'a'} ${endless.what}`;
      context.report({
        message: catchesKeyboardInterrupt(model)
          ? `${runs}; the module catches KeyboardInterrupt (SIGINT) but never handles SIGTERM, which orchestrators send to stop it; register a handler (signal.signal or loop.add_signal_handler) that stops it cleanly.`
          : `${runs} but the module never handles SIGTERM/SIGINT; register a handler (signal.signal or loop.add_signal_handler) that stops it cleanly.`,
        range: model.document.rangeOf(endless.node.from, endless.node.to),
      });
      return;
    }
  },
});
