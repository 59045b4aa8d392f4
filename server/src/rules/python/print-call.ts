import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import type { PythonModel } from '../../languages/python';
import { callArguments, callOf, dottedName, isTestPath, moduleFacts, moduleStartOffset, nodeText, type ModuleFacts } from './syntax';

interface LoggerSetup {
  /** The module-level logger to call: an existing `name = logging.getLogger(...)`, else `logger`. */
  name: string;
  /** Inserts `import logging` and the logger after the docstring and imports, when the module lacks them. */
  edit: TextEdit | undefined;
}

/** `name = logging.getLogger(...)`: the module already has a logger to call. */
function existingLoggerName(model: PythonModel, statement: SyntaxNode): string | undefined {
  if (statement.name !== 'AssignStatement') return undefined;
  const target = statement.firstChild;
  const call = target?.nextSibling?.nextSibling;
  if (target?.name !== 'VariableName' || call?.name !== 'CallExpression') return undefined;
  return dottedName(model, call.firstChild) === 'logging.getLogger' ? nodeText(model, target) : undefined;
}

function loggerSetup(model: PythonModel, facts: ModuleFacts): LoggerSetup {
  let importsLogging = false;
  let headerEnd: SyntaxNode | undefined;
  let inHeader = true;
  for (const [index, statement] of facts.topLevel.entries()) {
    const existing = existingLoggerName(model, statement);
    if (existing) return { name: existing, edit: undefined };
    const isImport = statement.name === 'ImportStatement';
    if (isImport && /^import\s[^#\n]*\blogging\b(?!\s+as\b|\.)/.test(nodeText(model, statement))) importsLogging = true;
    const isDocstring = index === 0 && statement.from === facts.docstring?.from;
    if (inHeader && (isImport || isDocstring)) headerEnd = statement;
    else inHeader = false;
  }
  const { document } = model;
  const eol = document.eol;
  let offset: number;
  if (headerEnd) {
    offset = document.offsetAt({ line: document.positionAt(headerEnd.to).line + 1, character: 0 });
  } else {
    offset = moduleStartOffset(document);
  }
  const atEndWithoutBreak = offset === model.text.length && model.text.length > 0 && !/[\r\n]$/.test(model.text);
  const newText = (atEndWithoutBreak ? eol : '') + (importsLogging ? '' : `import logging${eol}`) + `${eol}logger = logging.getLogger(__name__)${eol}`;
  return { name: 'logger', edit: { range: document.rangeOf(offset, offset), newText } };
}

/** The content of a plain string literal, or undefined for prefixed, f- or concatenated strings. */
function plainStringContent(model: PythonModel, node: SyntaxNode): string | undefined {
  if (node.name !== 'String') return undefined;
  const match = /^(['"])(.*)\1$/s.exec(nodeText(model, node));
  return match && !match[2]!.includes(match[1]!) ? match[2] : undefined;
}

/**
 * The logger call that does what the print did: each positional argument
 * becomes a `%s` (joined with `sep`), `file=sys.stderr` becomes `error`.
 * Undefined when the print writes elsewhere or unpacks arguments.
 */
function loggerCall(model: PythonModel, call: SyntaxNode, logger: string): { text: string; level: string } | undefined {
  const argList = call.getChild('ArgList');
  if (!argList) return undefined;
  let level = 'info';
  let separator = ' ';
  const values: string[] = [];
  for (const argument of callArguments(model, argList)) {
    if (argument.kind === 'splat') return undefined;
    if (argument.kind === 'positional') {
      values.push(nodeText(model, argument.value));
      continue;
    }
    const value = nodeText(model, argument.value).replace(/\s+/g, '');
    if (argument.keyword === 'file') {
      if (value === 'sys.stderr') level = 'error';
      else if (value !== 'sys.stdout') return undefined;
    } else if (argument.keyword === 'sep') {
      const content = plainStringContent(model, argument.value);
      if (content === undefined) return undefined;
      separator = content;
    } else if (argument.keyword !== 'end' && argument.keyword !== 'flush') {
      return undefined;
    }
  }
  let args: string[];
  if (values.length === 0) args = ['""'];
  else if (values.length === 1) args = values;
  else args = [JSON.stringify(values.map(() => '%s').join(separator.replace(/%/g, '%%'))), ...values];
  return { text: `${logger}.${level}(${args.join(', ')})`, level };
}

export const printCall = defineRule({
  meta: {
    code: 'PL303',
    name: 'python/print-call',
    summary: '`print()` in non-test code.',
    severity: 'warning',
    policy: 'Python scripts log instead of print: output goes through `logging`, with levels, timestamps and the handlers the deployment configures.',
    fixable: 'yes',
    kinds: ['python'],
    options: {
      checkTests: {
        type: 'boolean',
        default: false,
        description: 'Also report prints in test code (`test_*.py`, `*_test.py`, `conftest.py`, files under `tests/` or `test/`), which is exempt by default.',
      },
    },
    docs: {
      language: 'python',
      rationale:
        '`print` writes to stdout with no level, no timestamp and no logger name, so operators cannot filter it, alerting cannot see it and a container log mixes it with everything else. `logging` goes wherever the service configures it, at a level that can be turned up or down.',
      bad: 'import sys\n\n\ndef migrate(batch):\n    print("migrating", len(batch), "rows")\n    print("lock busy", file=sys.stderr)\n',
      good:
        'import logging\nimport sys\n\nlogger = logging.getLogger(__name__)\n\n\ndef migrate(batch):\n    logger.info("%s %s %s", "migrating", len(batch), "rows")\n    logger.error("lock busy")\n',
      fix:
        'Replaces the call with `logger.info(...)`, or `logger.error(...)` when it printed to `sys.stderr`; several arguments become a `%s` format joined by `sep`, and `end`/`flush`/`file` are dropped. It adds `import logging` and `logger = logging.getLogger(__name__)` once, after the module docstring and imports, and reuses an existing module-level `getLogger` logger. Prints that write to other files or unpack `*args` are reported without a fix. `source.fixAll` fixes every print of a file: the first pass adds the logger with the first call, the next pass the rest.',
      peers:
        'Ruff T201 reports every `print` and has only an unsafe fix that deletes the call; Plumbline rewrites it into a logger call instead, and exempts test code by default (`checkTests: true` turns that off). Python 2 `print x` statements are not reported.',
    },
  },
  check(context) {
    if (!context.options.checkTests && isTestPath(context.relativePath)) return;
    const model = context.parsed;
    let setup: LoggerSetup | undefined;
    const prints = model.nodesAtText('print', (name) => (name.name === 'VariableName' ? callOf(name) : undefined));
    for (const call of prints) {
      const callee = call.firstChild!;
      if (model.hasErrorIn(call.from, call.to)) continue;
      setup ??= loggerSetup(model, moduleFacts(model));
      const replacement = loggerCall(model, call, setup.name);
      const fixes: Fix[] = [];
      if (replacement) {
        const edits: TextEdit[] = [{ range: model.document.rangeOf(call.from, call.to), newText: replacement.text }];
        if (setup.edit) edits.push(setup.edit);
        fixes.push({ title: `Replace print() with ${setup.name}.${replacement.level}()`, edits, isPreferred: true });
      }
      context.report({
        message: `print() in non-test code; log with ${setup.name}.${replacement?.level ?? 'info'}(...) so the output has a level and reaches the service's log handlers.`,
        range: model.document.rangeOf(callee.from, callee.to),
        fixes,
      });
    }
  },
});
