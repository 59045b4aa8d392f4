import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { PythonModel } from '../../languages/python';
import { STUB_MARKER } from './support/docstringStub';
import { behaviourBases, hasDecorator, isAbstract, isMethod, isOverload, isProtocolClass, type PyDefinition } from './support/definitions';
import { moduleFacts } from './support/moduleFacts';
import { isNotImplementedRaise, isPlaceholderStatement } from './support/statements';
import { docstringOf, nodeText, statementsOf } from './support/tree';

/**
 * A marker word, not a file of that name (`see TODO file`, `the TODO list`):
 * where work is tracked; nor a pointer to a marker elsewhere (`(see module
 * TODO)`), which is reported where it stands.
 */
const MARKER_COMMENT = /(?<!\(see (?:the )?(?:\w+ )?)\b(TODO|FIXME|XXX)\b(?! (?:file|list)\b)/;
/**
 * What a marker comment that is already tracked cites: `#123` (`TODO # 3024`,
 * not the comment's own `#` before `2.0 TODO`),
 * `PE-568`, the issue's URL, or its bare number right after the marker and
 * set off from the text (`TODO: 5840 - …`, `TODO(5840):`), which a quantity
 * is not (`TODO: 3600 should be a setting`).
 */
const TRACKED_IN_ISSUE = /#\d+|[^\s#][^\S\n]*#[^\S\n]\d{3,}\b|\b[A-Z][A-Z0-9]+-\d+\b|https?:\/\/|\b(?:TODO|FIXME|XXX)\b:?\s*\(?\d{3,}\)?\s*[-:–—]/;
const MARKER_WORDS = new RegExp(MARKER_COMMENT.source, 'g');

/** The placeholders of PL301's docstring stub: `TODO: Summarise what run does.`, `TODO: Describe the return value.`, `TODO: Say when.` */
const STUB_PLACEHOLDER = new RegExp(`${STUB_MARKER} (?:Summarise what |Describe |Say when\\.)`);

/**
 * The comment lines that continue a marker comment below it (`# TODO: drop
 * this after` then `#   https://…/issues/126`), up to a blank line, code or
 * another marker: where a long note cites its issue.
 */
function continuationOf(model: PythonModel, comment: SyntaxNode): string {
  const { document } = model;
  let text = '';
  for (let line = document.positionAt(comment.from).line + 1; line < document.lineCount; line++) {
    const next = document.lineText(line).trim();
    if (!next.startsWith('#') || MARKER_COMMENT.test(next)) break;
    text += '\n' + next;
  }
  return text;
}

/** Docstring words and class names that say a body is empty on purpose: a no-op or null object. */
const DELIBERATELY_EMPTY = /\bno[- ]?op\b|\bnull[- ]object\b|\b(?:does|do) nothing\b|\bintentionally empty\b|\bignores? (?:every|all)\b/i;
const NULL_OBJECT_NAME = /^_?(?:Null|No[Oo]p|Noop|Dummy)[A-Z_]/;

/**
 * A class documented (by its docstring or its name) as a no-op, a function
 * whose own docstring or name says so (`_do_nothing`, `noop`), or a CLI
 * group (`@cli.group() def users(): pass`), which only gathers its
 * subcommands.
 */
function isDeliberatelyEmpty(model: PythonModel, definition: PyDefinition): boolean {
  const documents = (d: PyDefinition) => {
    const docstring = docstringOf(d.body);
    return docstring !== undefined && DELIBERATELY_EMPTY.test(nodeText(model, docstring));
  };
  const owner = definition.parent;
  if (documents(definition) || DELIBERATELY_EMPTY.test(definition.name.replace(/_/g, ' ')) || hasDecorator(definition, 'group')) return true;
  return owner?.kind === 'class' && (NULL_OBJECT_NAME.test(owner.name) || documents(owner));
}

/** `BaseTransport`, `AbstractStore`, `CacheMixin`, `StorageInterface`: a class written to be subclassed. */
const BASE_CLASS_NAME = /^_?(?:Base|Abstract)[A-Z_]|(?:Base|Mixin|Interface)$/;
/** `abstract = True` in a nested `class Meta:`: Django's (and graphene's) abstract base, which no table or type is made of. */
const ABSTRACT_META = /^abstract\s*=\s*True\b/;

/** A class of the module that declares itself abstract in its nested `class Meta:` (a Django abstract model). */
function isAbstractByMeta(model: PythonModel, owner: PyDefinition, all: readonly PyDefinition[]): boolean {
  return all.some(
    (nested) =>
      nested.parent === owner &&
      nested.kind === 'class' &&
      nested.name === 'Meta' &&
      nested.body !== undefined &&
      statementsOf(nested.body).some((statement) => ABSTRACT_META.test(nodeText(model, statement))),
  );
}

/** A class docstring that says the class is there to be subclassed: "Base class for parsers.", "Subclass this to add a parser.", "Most subclasses only implement …" */
const WRITTEN_FOR_SUBCLASSES = /\bbase class\b|\bto be subclassed\b|\bsubclass (?:this|it)\b|\bsubclasses\b/i;

/**
 * A method of a class written to be subclassed, whose methods subclasses
 * override or must write: named so (`BaseStore`), documented so, or
 * abstract by its `class Meta:` (a Django model cannot use ABCMeta, whose
 * metaclass clashes with the model's).
 */
function inClassWrittenToBeSubclassed(model: PythonModel, definition: PyDefinition | undefined, all: readonly PyDefinition[]): boolean {
  if (definition === undefined || !isMethod(definition)) return false;
  const owner = definition.parent!;
  const docstring = docstringOf(owner.body);
  return (
    BASE_CLASS_NAME.test(owner.name) ||
    (docstring !== undefined && WRITTEN_FOR_SUBCLASSES.test(nodeText(model, docstring))) ||
    isAbstractByMeta(model, owner, all)
  );
}

/**
 * A module's hook that a loader calls by name in every module it loads
 * (a plugin's `setup()`, pytest's `setup_module`): a module with nothing to
 * set up still defines it, and removing it breaks the caller.
 */
const MODULE_HOOK = /^(?:setup|teardown)(?:_module|_package)?$/;

/**
 * A module's hook that is only `pass` (see MODULE_HOOK), or a method that is
 * empty on purpose: in a class with a base to inherit from, an override that
 * is only `pass` turns the inherited behaviour off (a query runner with no
 * connection to test); in a class written to be subclassed, a method that is
 * not abstract (`pass` or `...`) is a default hook subclasses may override
 * (httpx's `BaseTransport.close`), and so is one that is only `pass` beside
 * a method whose NotImplementedError leaves it to subclasses.
 */
function isEmptyOnPurpose(model: PythonModel, definition: PyDefinition, statements: readonly SyntaxNode[], all: readonly PyDefinition[]): boolean {
  const onlyPass = statements.every((statement) => statement.name === 'PassStatement');
  if (!definition.parent) return onlyPass && MODULE_HOOK.test(definition.name);
  const owner = definition.parent;
  if (!isMethod(definition)) return false;
  if (onlyPass && behaviourBases(model, owner).length > 0) return true;
  // Its docstring hands it to subclasses (`"""A hook to allow subclasses to …"""`): a default hook.
  if (handedToSubclasses(model, definition)) return true;
  // In a class written to be subclassed, a method that is not abstract is a default hook, written `pass` or `...`.
  if (inClassWrittenToBeSubclassed(model, definition, all)) return true;
  return (
    onlyPass &&
    all.some((sibling) => {
      if (sibling.parent !== owner || sibling.kind !== 'function' || !sibling.body) return false;
      const docstring = docstringOf(sibling.body);
      const body = statementsOf(sibling.body).filter((statement) => statement.from !== docstring?.from);
      return body.length === 1 && isNotImplementedRaise(model, body[0]!) && LEFT_TO_SUBCLASSES.test(nodeText(model, body[0]!));
    })
  );
}

/** Statements that make a raise conditional: an error path for an unsupported case. */
const BRANCHES = new Set(['IfStatement', 'MatchStatement', 'TryStatement', 'ForStatement', 'WhileStatement']);

/** What a refusal says: the operation is not supported, not that it is not written yet. */
const REFUSAL =
  /\b(?:not supported|does not support|doesn't support|do not support|don't support|unsupported|cannot be|can't be|does not implement|doesn't implement)\b/i;

/**
 * `raise NotImplementedError("message")` inside a branch of its function, or
 * after one (the fall-through of an `if … return` chain), or with a message
 * that says the operation is not supported: an error path for an unsupported
 * case, not a placeholder.
 */
function isUnsupportedCaseError(model: PythonModel, statement: SyntaxNode): boolean {
  const raised = statement.firstChild?.nextSibling;
  const argumentList = raised?.name === 'CallExpression' ? raised.getChild('ArgList') : null;
  if (!argumentList || argumentList.from + 2 >= argumentList.to) return false;
  // A message that says the operation is not supported is a refusal for good (`"PayPal does not support outgoing payments."`).
  if (REFUSAL.test(nodeText(model, argumentList))) return true;
  for (let node = statement.parent; node && node.name !== 'FunctionDefinition'; node = node.parent) {
    if (BRANCHES.has(node.name)) return true;
  }
  for (let before = statement.prevSibling; before; before = before.prevSibling) {
    if (BRANCHES.has(before.name)) return true;
  }
  return false;
}

/** Operations a class may refuse: mutation (a read-only mapping, an immutable value), pickling and copying. */
const REFUSABLE_OPERATIONS = new Set([
  '__setitem__',
  '__delitem__',
  '__setattr__',
  '__delattr__',
  '__set__',
  '__delete__',
  '__reduce__',
  '__reduce_ex__',
  '__getstate__',
  '__copy__',
  '__deepcopy__',
]);
/** A message that leaves the method to subclasses: abstract in all but name (`"Models extending Translation should implement …"`, `"… needs to be implemented"`). */
const LEFT_TO_SUBCLASSES = /subclass|overrid|(?:must|should|needs? to) (?:be )?implement|to be implemented/i;

/** A method whose own docstring hands it to subclasses ("To be overridden", "Subclasses must implement this"). */
function handedToSubclasses(model: PythonModel, definition: PyDefinition): boolean {
  const docstring = docstringOf(definition.body);
  return docstring !== undefined && LEFT_TO_SUBCLASSES.test(nodeText(model, docstring));
}

/**
 * A class refusing an operation (a read-only mapping's `__setitem__`, an
 * object that cannot be pickled) by raising NotImplementedError in that
 * special method: no promise of code to come, unless its message leaves
 * the method to subclasses.
 */
function refusesOperation(model: PythonModel, statement: SyntaxNode, definition: PyDefinition | undefined): boolean {
  return definition !== undefined && isMethod(definition) && REFUSABLE_OPERATIONS.has(definition.name) && !LEFT_TO_SUBCLASSES.test(nodeText(model, statement));
}

/**
 * `raise NotImplementedError("Override in subclass")` in a class built on a
 * framework's base (`Spawner(LoggingConfigurable)`, a Django model), or in
 * a method whose docstring says so: the method is left to subclasses, and
 * `@abstractmethod` is no option there, since ABCMeta clashes with the
 * framework's own metaclass.
 */
function leftToSubclassesOfFrameworkClass(model: PythonModel, statement: SyntaxNode, definition: PyDefinition | undefined): boolean {
  return (
    definition !== undefined &&
    isMethod(definition) &&
    (LEFT_TO_SUBCLASSES.test(nodeText(model, statement)) || handedToSubclasses(model, definition)) &&
    behaviourBases(model, definition.parent!).length > 0
  );
}

/** The `raise NotImplementedError` statement a name belongs to, if it is one. */
function raiseOf(model: PythonModel, name: SyntaxNode): SyntaxNode | undefined {
  const raised = name.parent?.name === 'CallExpression' ? name.parent : name;
  const statement = raised.parent;
  return statement && isNotImplementedRaise(model, statement) ? statement : undefined;
}

export const placeholder = defineRule({
  meta: {
    code: 'PL308',
    name: 'python/placeholder',
    summary: 'Placeholder code: `raise NotImplementedError`, bodies that are only `pass`/`...`, TODO/FIXME/XXX comments and docstring stubs.',
    severity: 'warning',
    peerCodes: ['FIX001', 'FIX002', 'FIX003', 'fixme', 'W0511'],
    policy: 'No placeholder code ships.',
    fixable: 'no',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'Placeholders are promises that were never kept: a function that silently does nothing, a `NotImplementedError` that surfaces in production, a TODO that outlives its author. The policy wants them resolved before merging — implemented, deleted, or turned into a tracked issue.' +
        EXEMPT_CODE_NOTE,
      bad: `def refund(order_id: str) -> None:
    pass  # TODO: call the payment provider


def export_csv(rows: list[dict]) -> str:
    raise NotImplementedError
`,
      good: `def refund(order_id: str) -> None:
    """Refund an order in full through the payment provider."""
    payments.refund(order_id)
`,
      peers:
        'Ruff has the parts separately: FIX001–FIX004 and TD for TODO/FIXME/XXX comments, PIE790 for unnecessary `pass`. Plumbline adds function bodies that are only `pass`/`...` and `raise NotImplementedError`, which are legitimate (and exempt) in abstract methods (`@abstractmethod`), `typing.Protocol` classes, `@overload` signatures and `.pyi` stubs, where only comments and docstrings are checked. ' +
        'Deliberately empty code is not a placeholder either: methods of a null object (a class named `Null…`, `Noop…`/`NoOp…` or `Dummy…`, or whose docstring calls it a no-op, a null object or says it does nothing), a function whose own docstring or name says it does nothing (`_do_nothing`, `noop`), a CLI group (`@cli.group()`, which only gathers its subcommands), and a module-level `setup()` or `teardown()` (also `setup_module`, `teardown_package` …) that is only `pass`, a hook that a plugin loader or a test runner calls by name in every module; `raise NotImplementedError("…")` with a message inside a branch (`if`/`else`, `match`, `try`, a loop) or after one (the fall-through of an `if … return` chain) is the error path of an unsupported case, and so is one whose message says the operation is not supported (`"PayPal does not support outgoing payments."`, `"… does not implement chords"`); a TODO/FIXME/XXX comment that cites its issue (`#123`, `BILL-568`, a URL, or the issue number right after the marker, `TODO: 5840 …`) is already tracked; and a class refuses an operation when it raises it in `__setitem__`, `__delitem__`, `__setattr__`, `__delattr__`, `__set__`, `__delete__`, `__reduce__`, `__reduce_ex__`, `__getstate__`, `__copy__` or `__deepcopy__` (a read-only mapping, an object that cannot be pickled), unless its message leaves the method to subclasses. A method that is only `pass` in a class with a base to inherit from (other than `object`, `ABC` or `Generic`) overrides inherited behaviour with nothing on purpose (a query runner with no connection to test); in a class written to be subclassed (named `Base…`, `Abstract…`, `…Base`, `…Mixin` or `…Interface`, documented so (a class docstring saying `base class`, `to be subclassed`, `Subclass this` or speaking of its `subclasses`), abstract by its nested `class Meta:` with `abstract = True` as a Django abstract model is, or with a method that only raises NotImplementedError saying subclasses must implement it) it is a default hook subclasses may override (a transport `close()`), and so is a method whose own docstring hands it to subclasses (`"""A hook to allow subclasses to …"""`, `To be overridden`); in a class so written, a method that is not abstract and only `...` is one too (an optional `get_settings()` beside abstract methods), and one that raises NotImplementedError is the method each subclass must write (Flask\'s `SessionInterface.open_session`: an abstract method as Python wrote it before `abc`). A body that is only `pass`, `...` or `raise NotImplementedError` in an ordinary class, and a `raise NotImplementedError` without a message or outside a branch, are still reported. ' +
        'pylint takes a method whose body raises NotImplementedError for abstract (W0223 then wants subclasses to override it); Plumbline asks for `@abstractmethod`, which makes the contract explicit and enforced at instantiation, except in a class written to be subclassed (above) and in a class built on another base (a Django model, a traitlets `Configurable`) when the message (or the method\'s docstring) leaves the method to subclasses (`"Subclasses must implement"`, `"… should implement …"`, `"… needs to be implemented"`): `ABCMeta` clashes with the metaclass such a framework uses. ' +
        "Docstrings that still carry the `TODO:` placeholders of PL301's stub (`TODO: Describe …`) are reported until they are replaced; a `TODO:` note in a real docstring is reported as a marker comment is, unless its paragraph cites its issue. A comment's issue may be cited on the comment lines that continue it, `TODO file` or `TODO list` names where work is tracked, not a marker, and `(see the TODO)` or `(see module TODO)` points at a marker reported where it stands.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    const { document } = model;
    const facts = moduleFacts(model);
    const isStubFile = context.relativePath.endsWith('.pyi');
    const definitionsByStart = new Map(facts.definitions.map((d) => [d.node.from, d]));
    const exempt = (definition: PyDefinition | undefined) =>
      isStubFile || (definition !== undefined && (isAbstract(definition) || isOverload(definition) || isProtocolClass(model, definition.parent)));
    const report = (from: number, to: number, message: string) => context.report({ message, range: document.rangeOf(from, to) });

    const checkDocstring = (docstring: SyntaxNode | undefined) => {
      if (!docstring) return;
      const text = nodeText(model, docstring);
      const stub = STUB_PLACEHOLDER.exec(text);
      if (stub) {
        const from = docstring.from + stub.index;
        report(from, from + STUB_MARKER.length - 1, 'This docstring still has a "TODO:" placeholder; replace it with real documentation.');
        return;
      }
      // A "TODO:" note in real documentation is a marker like a comment's, tracked when its paragraph cites the issue.
      for (let at = text.indexOf(STUB_MARKER); at >= 0; at = text.indexOf(STUB_MARKER, at + 1)) {
        const paragraphEnd = text.indexOf('\n\n', at);
        if (TRACKED_IN_ISSUE.test(text.slice(at, paragraphEnd < 0 ? undefined : paragraphEnd))) continue;
        report(docstring.from + at, docstring.from + at + STUB_MARKER.length - 1, 'TODO in a docstring: resolve it, or track it in an issue, before merging.');
      }
    };
    checkDocstring(facts.docstring);

    for (const definition of facts.definitions) {
      if (definition.broken) continue;
      const docstring = docstringOf(definition.body);
      checkDocstring(docstring);
      if (definition.kind !== 'function' || exempt(definition)) continue;
      const statements = statementsOf(definition.body!).filter((s) => s.from !== docstring?.from);
      if (statements.length === 0 || !statements.every(isPlaceholderStatement) || model.hasErrorIn(definition.body!.from, definition.body!.to)) continue;
      if (isDeliberatelyEmpty(model, definition) || isEmptyOnPurpose(model, definition, statements, facts.definitions)) continue;
      const first = statements[0]!;
      report(first.from, first.to, `"${definition.name}" is a placeholder: its body is only "${nodeText(model, first)}"; implement it or remove it.`);
    }

    for (const comment of model.nodesAtText(MARKER_WORDS, (node) => (node.name === 'Comment' ? node : undefined))) {
      const text = nodeText(model, comment);
      const match = MARKER_COMMENT.exec(text);
      if (!match || TRACKED_IN_ISSUE.test(text + continuationOf(model, comment))) continue;
      const from = comment.from + match.index;
      report(from, from + match[1]!.length, `${match[1]} comment: resolve it, or track it in an issue, before merging.`);
    }
    for (const statement of model.nodesAtText('NotImplementedError', (name) => raiseOf(model, name))) {
      if (model.hasErrorIn(statement.from, statement.to) || isUnsupportedCaseError(model, statement)) continue;
      let owner: SyntaxNode | null = statement.parent;
      while (owner && owner.name !== 'FunctionDefinition') owner = owner.parent;
      const definition = owner ? definitionsByStart.get(owner.from) : undefined;
      if (
        exempt(definition) ||
        refusesOperation(model, statement, definition) ||
        leftToSubclassesOfFrameworkClass(model, statement, definition) ||
        // In a class written to be subclassed (`SessionInterface`), the method each subclass must write: abstract as Python wrote it before `abc`.
        inClassWrittenToBeSubclassed(model, definition, facts.definitions)
      )
        continue;
      const name = statement.firstChild!.nextSibling!;
      const end = name.name === 'CallExpression' ? name.firstChild!.to : name.to;
      const advice =
        definition && isMethod(definition)
          ? 'implement this, or make the method abstract (@abstractmethod) if subclasses must'
          : 'implement this, or remove it';
      report(name.from, end, `raise NotImplementedError is a placeholder; ${advice}.`);
    }
  },
});
