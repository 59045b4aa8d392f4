import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import type { PythonModel } from '../../languages/python';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import { moduleFacts } from './support/moduleFacts';
import { dottedName, nodeText, walk } from './support/tree';

/** Modules that give a script a real command line: `--help`, validation, usage errors. */
const CLI_PARSERS = ['argparse', 'click', 'typer'];

/** Builtins that look into the argument list rather than parse it: `len(sys.argv)` is hand parsing. */
const INSPECTING_CALLS = new Set([
  'len',
  'list',
  'tuple',
  'set',
  'dict',
  'enumerate',
  'iter',
  'next',
  'sorted',
  'reversed',
  'print',
  'str',
  'repr',
  'any',
  'all',
  'map',
  'filter',
  'zip',
]);

/**
 * The whole command line handed to a parser: `execute_from_command_line(sys.argv)`,
 * `app.run(sys.argv)`, `main(sys.argv[1:])`, `cli(argv=sys.argv)`. The
 * framework or function that receives it does the parsing.
 */
function isDelegated(model: PythonModel, argv: SyntaxNode): boolean {
  let argument = argv;
  const subscript = argv.parent;
  if (subscript?.name === 'MemberExpression' && subscript.firstChild?.to === argv.to) {
    if (!/^\[\s*\d*\s*:\s*\]$/.test(model.text.slice(argv.to, subscript.to))) return false;
    argument = subscript;
  }
  if (argument.parent?.name !== 'ArgList') return false;
  const callee = dottedName(model, argument.parent.parent?.firstChild);
  return callee === undefined || !INSPECTING_CALLS.has(callee);
}

/**
 * Uses of `sys.argv` that parse nothing: the program's own name
 * (`sys.argv[0]`, for a usage line), and a command line written for a
 * framework that parses it (`sys.argv = [sys.argv[0], *args]` before
 * `app.run()`).
 */
function parsesNothing(model: PythonModel, argv: SyntaxNode): boolean {
  const parent = argv.parent;
  if (parent?.name === 'MemberExpression' && parent.firstChild?.to === argv.to && /^\[\s*0\s*\]$/.test(model.text.slice(argv.to, parent.to))) return true;
  return parent?.name === 'AssignStatement' && argv.nextSibling?.name === 'AssignOp';
}

/** The name of a keyword argument (`argv=` in `main(argv=...)`) is no read of `argv`. */
function isKeywordName(node: SyntaxNode): boolean {
  return node.parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp';
}

export const cliWithoutArgparse = defineRule({
  meta: {
    code: 'PL306',
    name: 'python/cli-without-argparse',
    summary: 'A script that reads `sys.argv` directly instead of using argparse, click or typer.',
    severity: 'warning',
    policy: 'Python scripts take their arguments through a real CLI parser.',
    fixable: 'no',
    kinds: ['python'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'Indexing `sys.argv` gives a script no `--help`, no validation and an `IndexError` instead of a usage message when an argument is missing. The next person to run it at 3 a.m. has to read the source to learn what it takes. argparse (or click, or typer) documents and checks the command line in a few lines.' +
        EXEMPT_CODE_NOTE,
      bad: `import sys

if __name__ == "__main__":
    rotate_keys(sys.argv[1], dry_run=len(sys.argv) > 2)
`,
      good: `import argparse

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Rotate the API keys of a tenant.")
    parser.add_argument("tenant")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    rotate_keys(args.tenant, dry_run=args.dry_run)
`,
      peers:
        'No common linter has this rule. A module counts as a script when it has an `if __name__ == "__main__":` block; it is fine as soon as it imports argparse, click or typer (passing `sys.argv[1:]` to a parser is then allowed). Passing the whole command line to a function or a framework\'s own parser (`execute_from_command_line(sys.argv)`, `app.run(sys.argv)`, `sys.exit(main(sys.argv[1:]))`, `cli(argv=sys.argv)`) is delegation, not hand parsing, and is not reported; nor is the program\'s name (`sys.argv[0]`, for a usage line) or a command line written for a framework that parses it (`sys.argv = [sys.argv[0], *args]` before `app.run()`). Indexing, slicing to a fixed range, `len(sys.argv)` and `"--x" in sys.argv` are. A `setup.py` is not judged: its arguments are setuptools\' commands. Other parsers (docopt, fire, optparse) are not recognised: suppress the rule for such scripts. Each remaining read of `sys.argv` (or of `argv` imported from `sys`) is reported.',
    },
  },
  check(context) {
    // setup.py's arguments are setuptools' commands, which setuptools parses.
    if (isExemptCode(context) || /(?:^|\/)setup\.py$/.test(context.relativePath)) return;
    const model = context.parsed;
    const facts = moduleFacts(model);
    if (facts.mainBlocks.length === 0 || CLI_PARSERS.some((name) => facts.importedModules.has(name))) return;
    const importsArgv = facts.topLevel.some(
      (statement) => statement.name === 'ImportStatement' && /^from\s+sys\s+import\b[^#\n]*\bargv\b/.test(nodeText(model, statement)),
    );
    walk(model.tree.topNode, (cursor) => {
      const isArgv =
        (cursor.name === 'MemberExpression' && dottedName(model, cursor.node) === 'sys.argv') ||
        (importsArgv &&
          cursor.name === 'VariableName' &&
          nodeText(model, cursor) === 'argv' &&
          cursor.node.parent?.name !== 'ImportStatement' &&
          !isKeywordName(cursor.node));
      if (!isArgv) return undefined;
      if (model.hasErrorIn(cursor.from, cursor.to) || isDelegated(model, cursor.node) || parsesNothing(model, cursor.node)) return false;
      context.report({
        message: 'This script reads sys.argv directly; parse its arguments with argparse (or click/typer) so it gets --help, validation and usage errors.',
        range: model.document.rangeOf(cursor.from, cursor.to),
      });
      return false;
    });
  },
});
