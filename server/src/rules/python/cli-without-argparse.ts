import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, skipsTestCode, TEST_CODE_EXEMPTION } from '../support/testCode';
import { dottedName, moduleFacts, nodeText, walk } from './syntax';

/** Modules that give a script a real command line: `--help`, validation, usage errors. */
const CLI_PARSERS = ['argparse', 'click', 'typer'];

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
        'Indexing `sys.argv` gives a script no `--help`, no validation and an `IndexError` instead of a usage message when an argument is missing. The next person to run it at 3 a.m. has to read the source to learn what it takes. argparse (or click, or typer) documents and checks the command line in a few lines.' + TEST_CODE_EXEMPTION,
      bad: 'import sys\n\nif __name__ == "__main__":\n    rotate_keys(sys.argv[1], dry_run=len(sys.argv) > 2)\n',
      good:
        'import argparse\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser(description="Rotate the API keys of a tenant.")\n    parser.add_argument("tenant")\n    parser.add_argument("--dry-run", action="store_true")\n    args = parser.parse_args()\n    rotate_keys(args.tenant, dry_run=args.dry_run)\n',
      peers:
        'No common linter has this rule. A module counts as a script when it has an `if __name__ == "__main__":` block; it is fine as soon as it imports argparse, click or typer (passing `sys.argv[1:]` to a parser is then allowed). Other parsers (docopt, fire, optparse) are not recognised: suppress the rule for such scripts. Each read of `sys.argv` (or of `argv` imported from `sys`) is reported.',
    },
  },
  check(context) {
    if (skipsTestCode(context)) return;
    const model = context.parsed;
    const facts = moduleFacts(model);
    if (facts.mainBlocks.length === 0 || CLI_PARSERS.some((name) => facts.importedModules.has(name))) return;
    const importsArgv = facts.topLevel.some(
      (statement) => statement.name === 'ImportStatement' && /^from\s+sys\s+import\b[^#\n]*\bargv\b/.test(nodeText(model, statement)),
    );
    walk(model.tree.topNode, (cursor) => {
      const isArgv =
        (cursor.name === 'MemberExpression' && dottedName(model, cursor.node) === 'sys.argv') ||
        (importsArgv && cursor.name === 'VariableName' && nodeText(model, cursor) === 'argv' && cursor.node.parent?.name !== 'ImportStatement');
      if (!isArgv) return undefined;
      if (model.hasErrorIn(cursor.from, cursor.to)) return false;
      context.report({
        message: 'This script reads sys.argv directly; parse its arguments with argparse (or click/typer) so it gets --help, validation and usage errors.',
        range: model.document.rangeOf(cursor.from, cursor.to),
      });
      return false;
    });
  },
});
