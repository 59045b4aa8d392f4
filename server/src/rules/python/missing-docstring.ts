import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { Fix, TextEdit } from '../../engine/types';
import type { PythonModel } from '../../languages/python';
import { DOCSTRING_STYLES, docstringStub, indentStub, type DocstringStyle, type StubSubject } from './support/docstringStub';
import { explicitParameters, functionFlow, type PyDefinition } from './support/definitions';
import { indentUnit, lineIndentAt, moduleStartOffset } from './support/indentation';
import { moduleFacts } from './support/moduleFacts';
import { docstringOf, firstStatementOf } from './support/tree';
import { isPublicModule, needsDocstring, roleOf } from './support/visibility';

function moduleFix(document: SourceDocument, summary: string, style: DocstringStyle): Fix {
  const offset = moduleStartOffset(document);
  // After a shebang or coding line that ends the file without a line break, the stub must start a line of its own.
  const lineBreak = offset === document.text.length && offset > 0 && !/[\r\n]$/.test(document.text) ? document.eol : '';
  const text = lineBreak + indentStub(docstringStub(style, { summary }), '', document.eol);
  return { title: 'Add a module docstring stub', edits: [{ range: document.rangeOf(offset, offset), newText: text }] };
}

/** Inserts the stub as the body's first statement, below a (possibly multi-line) signature. */
function definitionFix(model: PythonModel, definition: PyDefinition, style: DocstringStyle): Fix | undefined {
  const { document, text } = model;
  const body = definition.body!;
  const colon = body.firstChild;
  const first = firstStatementOf(body);
  if (colon?.name !== ':' || !first) return undefined;
  const subject: StubSubject =
    definition.kind === 'class'
      ? { summary: `Summarise what ${definition.name} is for.` }
      : {
          summary: `Summarise what ${definition.name} does.`,
          parameters: explicitParameters(model, definition),
          flow: functionFlow(model, definition),
        };
  const lines = docstringStub(style, subject);
  const eol = document.eol;
  const nextLine = document.offsetAt({ line: document.positionAt(colon.to).line + 1, character: 0 });
  let edit: TextEdit;
  if (nextLine <= first.from) {
    const indent = lineIndentAt(text, first.from);
    edit = { range: document.rangeOf(nextLine, nextLine), newText: indentStub(lines, indent, eol) };
  } else {
    // `def f(): return 1` — the body moves to its own line below the docstring.
    const indent = lineIndentAt(text, definition.node.from) + indentUnit(text);
    edit = { range: document.rangeOf(colon.to, first.from), newText: eol + indentStub(lines, indent, eol) + indent };
  }
  return { title: `Add a docstring stub to "${definition.name}"`, edits: [edit] };
}

/** pylint's names for any missing docstring, from before it told the kinds apart. */
const ANY_DOCSTRING_PEER_CODES = ['missing-docstring', 'C0111'];
/** Ruff's (pydocstyle's) code and pylint's message for the docstring each kind of finding misses, by the role its message names. */
const PEER_CODES_BY_ROLE: Readonly<Record<string, readonly string[]>> = {
  module: ['D100', 'missing-module-docstring', 'C0114'],
  package: ['D104', 'missing-module-docstring', 'C0114'],
  class: ['D101', 'missing-class-docstring', 'C0115'],
  'nested class': ['D106', 'missing-class-docstring', 'C0115'],
  method: ['D102', 'missing-function-docstring', 'C0116'],
  function: ['D103', 'missing-function-docstring', 'C0116'],
  'magic method': ['D105', 'missing-function-docstring', 'C0116'],
  '__init__ method': ['D107', 'missing-function-docstring', 'C0116'],
};

export const missingDocstring = defineRule({
  meta: {
    code: 'PL301',
    name: 'python/missing-docstring',
    summary: 'Public module, class, function or method without a docstring.',
    severity: 'warning',
    peerCodes: [...new Set([...Object.values(PEER_CODES_BY_ROLE).flat(), ...ANY_DOCSTRING_PEER_CODES])],
    policy: 'Python scripts are documented: every public module, class, function and method says what it does.',
    fixable: 'yes',
    fixApplicability: 'suggestion',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: {
      ...CHECK_TESTS_OPTION,
      style: {
        type: 'string',
        default: 'google',
        enum: DOCSTRING_STYLES,
        description: 'Docstring convention of the inserted stub: `google` (Args:/Returns:), `numpy` (underlined sections) or `sphinx` (`:param x:` fields).',
      },
    },
    docs: {
      language: 'python',
      exampleFile: 'services/billing/src/billing/invoices.py',
      rationale:
        'A docstring is the contract a reader relies on without reading the body: what the function does, what it takes, what it returns and what it raises. Public code without one pushes every caller into the implementation. Which definitions are public follows pydocstyle and Ruff (D100–D107), so a team moving from those tools sees the same findings.' +
        EXEMPT_CODE_NOTE,
      bad: `def send_invoice(customer_id, amount):
    return gateway.charge(customer_id, amount)
`,
      good: `"""Invoices: charging customers and sending them their invoice."""


def send_invoice(customer_id, amount):
    """Charge a customer and email the invoice.

    Args:
        customer_id: The customer to bill.
        amount: The amount in cents.

    Returns:
        The gateway's charge id.
    """
    return gateway.charge(customer_id, amount)
`,
      fix: 'The quick fix "Add a docstring stub" inserts a docstring below the signature (after decorators and a multi-line parameter list), indented like the body, in the configured `style`: Args from the parameters (without `self`/`cls`, with `*args`/`**kwargs`), Returns when the function returns a value, Yields for generators, Raises for the exceptions raised in its own body. Every placeholder starts with `TODO:`, which PL308 reports until it is replaced, so a stub never passes for documentation; for the same reason the stub is offered as a quick fix but not applied by `--fix`.',
      peers:
        'Same definitions as pydocstyle and Ruff D100–D107: module (D100), class (D101), method (D102), function (D103), package `__init__.py` (D104; unlike them, not an empty `__init__.py`, comments at most, which only marks a folder as a package, nor an empty module), magic method (D105), nested class (D106), `__init__` (D107). Nested functions, classes inside functions and `_private` names are private; methods and nested classes are public when their class is; `__call__` and `__new__` count as ordinary methods and other dunders as magic methods; property setters and deleters (`@x.setter`) and `@overload` signatures are exempt, and so is `@typing.override` (as in Ruff; pydocstyle does not know it). A module whose own name or a folder above it (inside the workspace) is `_private` needs no docstring. `__all__` is read as pydocstyle reads it: the first module-level mention must be a literal list or tuple of strings, and any later module-level mention (`__all__.extend(...)`, `__all__ += [...]`) makes it unknowable, so leading underscores decide; Ruff instead follows `extend`/`append`/`+=` of literals, and can therefore call a few more module-level names private. ' +
        'Measured against Debian\'s pydocstyle 6.2.3 (`--select=D100,D101,D102,D103,D104,D105,D106,D107`) on the 734 modules of the Python 3.11 standard library outside its test folders, both report the same 6,840 definitions; the one difference is a method whose line carries `# noqa: A003`, which pydocstyle honours for every code and Plumbline ignores (use a `plumbline: disable-line PL301` comment). Other classes of difference by design: an empty docstring (`""""""`) counts as present here, where pydocstyle reports it as missing (Ruff reports it as D419); `.pyi` stubs are not checked; pydocstyle stops the whole run with a traceback at a file whose encoding cookie names an unknown codec (the standard library\'s `test/tokenizedata/bad_coding.py`), while Plumbline lints every file it can read, and in a file with syntax errors still checks every definition whose header and docstring position parse.',
    },
  },
  peerCodesOf(diagnostic) {
    // "Public nested class "Meta" has no docstring; …": the role the message names.
    const role = /^Public (.+?) "/.exec(diagnostic.message)?.[1] ?? '';
    return [...(PEER_CODES_BY_ROLE[role] ?? []), ...ANY_DOCSTRING_PEER_CODES];
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    if (context.relativePath.endsWith('.pyi')) return;
    const facts = moduleFacts(model);
    const style = context.options.style as DocstringStyle;
    const { document } = model;

    const firstStatement = facts.topLevel[0];
    const headBroken = model.hasErrorIn(0, firstStatement ? firstStatement.to : 1);
    const fileName = context.relativePath.slice(context.relativePath.lastIndexOf('/') + 1);
    const isPackage = fileName === '__init__.py';
    // An empty module (comments at most) has nothing to document: an `__init__.py` that only marks a folder as a package, a stub.
    const empty = facts.topLevel.length === 0;
    if (!facts.docstring && !headBroken && !empty && isPublicModule(context.relativePath)) {
      const segments = context.relativePath.split('/');
      const name = isPackage ? (segments[segments.length - 2] ?? '.') : fileName.replace(/\.py$/, '');
      context.report({
        message: isPackage
          ? `Public package "${name}" has no docstring; add one to __init__.py that says what the package provides.`
          : `Public module "${name}" has no docstring; add one at the top that says what the module is for.`,
        range: document.lineRange(0),
        fixes: [moduleFix(document, isPackage ? `Summarise what the ${name} package provides.` : 'Summarise what this module is for.', style)],
      });
    }

    for (const definition of facts.definitions) {
      if (definition.broken || docstringOf(definition.body) || !needsDocstring(facts, definition)) continue;
      // A syntax error where the docstring would be leaves its presence unknown.
      if (model.hasErrorIn(definition.body!.from, (firstStatementOf(definition.body!) ?? definition.body!).from + 1)) continue;
      const fix = definitionFix(model, definition, style);
      context.report({
        message: `Public ${roleOf(definition)} "${definition.name}" has no docstring; add one that says what ${definition.kind === 'class' ? 'it is for' : 'it does'}.`,
        range: document.rangeOf(definition.nameNode.from, definition.nameNode.to),
        fixes: fix ? [fix] : [],
      });
    }
  },
});
