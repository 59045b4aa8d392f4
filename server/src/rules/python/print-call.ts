import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { Fix, TextEdit } from '../../engine/types';
import type { PythonModel } from '../../languages/python';
import { loggerSetup, type LoggerSetup } from './support/loggerSetup';
import { hasDecorator } from './support/definitions';
import { declaredEntryPointsFacts } from '../layout/support/productFiles';
import { moduleFacts } from './support/moduleFacts';
import { callArguments, callOf, nodeText, type CallArgument } from './support/tree';

/** A piece of the printed text: literal text (as written in source), or a value `%s`/`%r`/`%a` formats. */
type Piece = { literal: string } | { value: string; conversion: 's' | 'r' | 'a' };

/** Escapes that may spell `%` (`\x25`, `\45`, `\N{…}`, `\u0025`): such text cannot join a format string unescaped. */
const ESCAPE_THAT_MAY_SPELL_PERCENT = /\\(?:x|[0-7]|N|u|U)/;

/** The source text of a plain one-line string literal, with its quote, or undefined for prefixed or triple-quoted ones. */
function plainLiteral(text: string): { quote: string; content: string } | undefined {
  const match = /^(['"])(.*)\1$/s.exec(text);
  if (!match || match[2]!.includes(match[1]!) || match[2]!.includes('\n') || ESCAPE_THAT_MAY_SPELL_PERCENT.test(match[2]!)) return undefined;
  return { quote: match[1]!, content: match[2]! };
}

/**
 * An f-string's pieces: its text between replacement fields (`{{`/`}}`
 * unescaped) and each field as a value. Undefined for what `%` formatting
 * cannot express: format specs, `{x=}`, raw or triple-quoted f-strings.
 */
function formatStringPieces(model: PythonModel, node: SyntaxNode): Piece[] | undefined {
  const text = nodeText(model, node);
  const match = /^[fF](['"])(.*)\1$/s.exec(text);
  if (!match) return undefined;
  const pieces: Piece[] = [];
  const bodyStart = node.from + 2;
  let cursor = bodyStart;
  const literal = (to: number) => {
    const raw = model.text.slice(cursor, to);
    if (raw) pieces.push({ literal: raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
  };
  for (let field = node.firstChild; field; field = field.nextSibling) {
    if (field.name !== 'FormatReplacement') continue;
    if (field.getChild('FormatSpec')) return undefined;
    const conversion = field.getChild('FormatConversion');
    const value = model.text.slice(field.from + 1, conversion ? conversion.from : field.to - 1).trim();
    if (value === '' || value.endsWith('=')) return undefined;
    const kind = conversion ? nodeText(model, conversion).slice(1) : 's';
    if (kind !== 's' && kind !== 'r' && kind !== 'a') return undefined;
    literal(field.from);
    pieces.push({ value, conversion: kind });
    cursor = field.to;
  }
  literal(node.to - 1);
  return pieces.every((piece) => !('literal' in piece) || plainLiteral(`${match[1]}${piece.literal}${match[1]}`)) ? pieces : undefined;
}

/** One printed argument as pieces: a literal's text, an f-string's parts, or a value. */
function argumentPieces(model: PythonModel, node: SyntaxNode): Piece[] {
  const text = nodeText(model, node);
  const literal = node.name === 'String' ? plainLiteral(text) : undefined;
  if (literal) return [{ literal: literal.content }];
  if (node.name === 'FormatString') {
    const pieces = formatStringPieces(model, node);
    if (pieces) return pieces;
  }
  return [{ value: text, conversion: 's' }];
}

/** The quote a merged literal can use: `"` unless some piece holds one, else `'`. */
function quoteFor(pieces: readonly Piece[]): string | undefined {
  const literals = pieces.flatMap((piece) => ('literal' in piece ? [piece.literal] : []));
  return ['"', "'"].find((quote) => literals.every((text) => !text.includes(quote)));
}

/** The value of a keyword given as a plain literal (`sep=" "`), or undefined. */
function keywordLiteral(model: PythonModel, node: SyntaxNode): string | undefined {
  return node.name === 'String' ? plainLiteral(nodeText(model, node))?.content : undefined;
}

/**
 * The logger call that logs what the print printed: literal text merged into
 * the format, each other value a `%s` (`%r` for `{x!r}`) argument, joined
 * with `sep`; `file=sys.stderr` logs at error level. Undefined when logging
 * cannot say the same: a print to another file, one that keeps the line open
 * (`end` other than a newline), an unpacked `*args`, a computed `sep`.
 */
function loggerCall(model: PythonModel, call: SyntaxNode, logger: string): { text: string; level: string } | undefined {
  const argList = call.getChild('ArgList');
  if (!argList) return undefined;
  let level = 'info';
  let separator = ' ';
  const printed: Piece[][] = [];
  for (const argument of callArguments(model, argList)) {
    if (argument.kind === 'splat') return undefined;
    if (argument.kind === 'positional') {
      printed.push(argumentPieces(model, argument.value));
      continue;
    }
    const value = nodeText(model, argument.value).replace(/\s+/g, '');
    if (argument.keyword === 'file') {
      if (value === 'sys.stderr') level = 'error';
      else if (value !== 'sys.stdout') return undefined;
    } else if (argument.keyword === 'sep') {
      const content = keywordLiteral(model, argument.value);
      if (content === undefined) return undefined;
      separator = content;
    } else if (argument.keyword === 'end') {
      if (keywordLiteral(model, argument.value) !== '\\n') return undefined;
    } else if (argument.keyword !== 'flush') {
      return undefined;
    }
  }
  const pieces = printed.flatMap((argument, index) => (index === 0 || separator === '' ? argument : [{ literal: separator }, ...argument]));
  const values = pieces.filter((piece): piece is Extract<Piece, { value: string }> => 'value' in piece);
  const quote = quoteFor(pieces);
  let args: string[];
  if (pieces.length === 0) args = ['""'];
  else if (pieces.length === 1 && values.length === 1) args = [values[0]!.value];
  else if (quote === undefined) return undefined;
  else {
    // Without arguments logging prints the message as it is, so `%` is doubled only when it will be formatted.
    const format = pieces
      .map((piece) => ('literal' in piece ? (values.length > 0 ? piece.literal.replace(/%/g, '%%') : piece.literal) : `%${piece.conversion}`))
      .join('');
    args = [`${quote}${format}${quote}`, ...values.map((piece) => piece.value)];
  }
  return { text: `${logger}.${level}(${args.join(', ')})`, level };
}

/** Where a print writes: its `file=` argument as written (blanks removed), `sys.stdout` without one. */
function printTarget(model: PythonModel, args: readonly CallArgument[]): string {
  const file = args.find((argument) => argument.keyword === 'file');
  return file ? nodeText(model, file.value).replace(/\s+/g, '') : 'sys.stdout';
}

/**
 * A script writing its result to stdout (`print(digest)`, `print(json.dumps(report))`):
 * the output is the command's product, for a pipe or a caller, not a log line.
 * Prints that carry text of their own (a string or f-string) are messages.
 */
function printsResult(model: PythonModel, args: readonly CallArgument[]): boolean {
  const positional = args.filter((argument) => argument.kind === 'positional');
  if (positional.length === 0 || args.some((argument) => argument.kind === 'splat')) return false;
  if (positional.some((argument) => argument.value.name === 'String' || argument.value.name === 'FormatString')) return false;
  return printTarget(model, args) === 'sys.stdout';
}

/** `print()` or `print("")`: a blank line that spaces out a command's output, with nothing to log. */
function printsBlankLine(model: PythonModel, args: readonly CallArgument[]): boolean {
  return args.every((argument) => argument.kind === 'keyword' || (argument.kind === 'positional' && /^(?:""|'')$/.test(nodeText(model, argument.value))));
}

/** `print(..., file=out)` to a stream the caller chose (a report, a dump): writing output, not a log line. `sys.stdout` and `sys.stderr` are the console. */
function writesToStream(model: PythonModel, args: readonly CallArgument[]): boolean {
  return !/^sys\.(?:stdout|stderr|__stdout__|__stderr__)$/.test(printTarget(model, args));
}

export const printCall = defineRule({
  meta: {
    code: 'PL303',
    name: 'python/print-call',
    summary: '`print()` in non-test code.',
    severity: 'warning',
    peerCodes: ['T201'],
    policy: 'Python scripts log instead of print: output goes through `logging`, with levels, timestamps and the handlers the deployment configures.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        '`print` writes to stdout with no level, no timestamp and no logger name, so operators cannot filter it, alerting cannot see it and a container log mixes it with everything else. `logging` goes wherever the service configures it, at a level that can be turned up or down.' +
        EXEMPT_CODE_NOTE,
      bad: `import sys


def migrate(batch):
    print("migrating", len(batch), "rows")
    print("lock busy", file=sys.stderr)
`,
      good: `import logging
import sys

logger = logging.getLogger(__name__)


def migrate(batch):
    logger.info("migrating %s rows", len(batch))
    logger.error("lock busy")
`,
      fix: 'Replaces the call with `logger.info(...)`, or `logger.error(...)` when it printed to `sys.stderr`. Literal text merges into the format string and every other value becomes a `%s` argument, joined by `sep`: `print("user not found:", user_id)` becomes `logger.info("user not found: %s", user_id)`; f-string fields become arguments too (`{x!r}` a `%r`), unless they carry a format spec. `flush` and a newline `end` are dropped. It adds `import logging` where isort puts it (among the standard-library imports, after `from __future__`, the docstring and a shebang) and `logger = logging.getLogger(__name__)` after the imports, once, or reuses an existing module-level `getLogger` logger. Prints to other files, with another `end` (the line stays open), a computed `sep` or unpacked `*args` are reported without a fix. The fix is unsafe: the text leaves stdout, and an unconfigured `logging` drops INFO messages, so a script whose output is read by another program goes silent; `--fix` applies it only with `--unsafe-fixes`. Fix-all fixes every print of a file: the first pass adds the logger with the first call, the next pass the rest.',
      peers:
        "Ruff T201 reports every `print` and has only an unsafe fix that deletes the call; Plumbline rewrites it into a logger call instead, and exempts test code by default (`checkTests: true` turns that off). Python 2 `print x` statements are not reported. In a script (a module with an `if __name__ == \"__main__\":` block), a print to stdout whose arguments are values only (`print(digest)`, `print(json.dumps(report))`) writes the command's result for a pipe or a caller, which is its interface rather than a log line, and is not reported; prints with text of their own (a string or f-string argument) and prints to stderr are messages and are. Nor are prints in a command of a CLI (a function decorated `@….command` or `@….group`, or handed to `typer.run(main)`: click, typer, Flask's `app.cli` and `AppGroup`, a Django management command in `management/commands/`, or a module a package manifest declares as a console script: `[project.scripts]`, `[tool.poetry.scripts]`, the module found in the project's folder, `src/` or the folder its build backend packages from: hatch's `sources`, setuptools' `package-dir` or `packages.find` `where`, poetry's `from`), which print to the person who ran it, nor a blank line (`print()`, `print(\"\")`, which only spaces out output and has nothing to log), nor prints to a stream the caller chose (`print(row, file=out)`: a report or a dump, not a log line; `sys.stdout` and `sys.stderr` are the console), nor a `setup.py`, whose prints pip shows as build output.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    let setup: LoggerSetup | undefined;
    const prints = model.nodesAtText('print', (name) => (name.name === 'VariableName' ? callOf(name) : undefined));
    const facts = moduleFacts(model);
    const isScript = facts.mainBlocks.length > 0;
    // `typer.run(main)` makes `main` a command without a decorator.
    const runByTyper = new Set([...model.text.matchAll(/\btyper\.run\(\s*(\w+)\s*\)/g)].map((match) => match[1]!));
    const commands = facts.definitions.filter(
      (definition) =>
        definition.kind === 'function' && (hasDecorator(definition, 'command', 'group') || (!definition.parent && runByTyper.has(definition.name))),
    );
    // A command of a CLI (click, typer, Flask's app.cli) prints to its user: that output is the command's interface, not a log line.
    const inCommand = (call: SyntaxNode) => commands.some(({ node }) => node.from <= call.from && call.to <= node.to);
    // A Django management command (`<app>/management/commands/<name>.py`) is run by a person from manage.py: its prints are its output.
    const isManagementCommand = /(?:^|\/)management\/commands\/[^/]+\.py$/.test(context.relativePath);
    // setup.py is run by pip and setuptools, which show what it prints as build output.
    if (isManagementCommand || /(?:^|\/)setup\.py$/.test(context.relativePath)) return;
    // A module a package manifest declares as a console script (`[project.scripts] netbox = "netbox.cli:main"`) is a command's code.
    if (context.index.facts(declaredEntryPointsFacts).some(({ facts }) => facts.includes(context.document.path))) return;
    for (const call of prints) {
      const callee = call.firstChild!;
      if (model.hasErrorIn(call.from, call.to) || inCommand(call)) continue;
      const argList = call.getChild('ArgList');
      const args = argList ? callArguments(model, argList) : [];
      if ((isScript && printsResult(model, args)) || writesToStream(model, args) || printsBlankLine(model, args)) continue;
      setup ??= loggerSetup(model, facts);
      const replacement = loggerCall(model, call, setup.name);
      const fixes: Fix[] = [];
      if (replacement) {
        const edits: TextEdit[] = [{ range: model.document.rangeOf(call.from, call.to), newText: replacement.text }, ...setup.edits];
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
