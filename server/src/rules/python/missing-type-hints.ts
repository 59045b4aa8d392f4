import { defineRule } from '../../engine/rule';
import { addToGroup } from '../../engine/maps';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { Fix } from '../../engine/types';
import type { PythonModel } from '../../languages/python';
import { explicitParameters, functionFlow, hasDecorator, isAbstract, isMethod, isOverload, isProtocolClass, type PyDefinition } from './support/definitions';
import { moduleFacts, type ModuleFacts } from './support/moduleFacts';
import { isStubBody } from './support/statements';
import { isPublic } from './support/visibility';

/** `-> None`, only where the function provably returns nothing: no `return value`, no `yield`, not a stub. */
function returnNoneFix(model: PythonModel, definition: PyDefinition): Fix | undefined {
  const flow = functionFlow(model, definition);
  // A syntax error in the body may hide a `return value`, so nothing is provable there.
  if (model.hasErrorIn(definition.body!.from, definition.body!.to)) return undefined;
  // A function that only ends by raising returns `NoReturn`; `-> None` would contradict an override's base (httpx's `handle_async_request`).
  if (flow.returnsValue || flow.yields || flow.neverReturns || isAbstract(definition) || isOverload(definition)) return undefined;
  // A method that writes `return None` is often a default its overrides replace with a value (`compute_etag`): `-> None` would break them.
  if (flow.returnsNoneExplicitly && isMethod(definition)) return undefined;
  if (isProtocolClass(model, definition.parent) || isStubBody(model, definition.body!)) return undefined;
  const parameters = definition.node.getChild('ParamList')!;
  return {
    title: 'Add "-> None"',
    edits: [{ range: model.document.rangeOf(parameters.to, parameters.to), newText: ' -> None' }],
    isPreferred: true,
  };
}

/**
 * Whether a function is the implementation behind `@overload` signatures of
 * its name in its scope: a module's are a module-wide fact (each signature
 * is a statement of its own), a class's are read from its definitions.
 */
function overloadImplementations(facts: ModuleFacts): (definition: PyDefinition) => boolean {
  const byOwner = new Map<PyDefinition, string[]>();
  for (const definition of facts.definitions) if (definition.parent && isOverload(definition)) addToGroup(byOwner, definition.parent, definition.name);
  return (definition) => {
    if (isOverload(definition)) return false;
    const owner = definition.parent;
    return owner ? (byOwner.get(owner)?.includes(definition.name) ?? false) : facts.overloadedFunctions.has(definition.name);
  };
}

export const missingTypeHints = defineRule({
  meta: {
    code: 'PL302',
    name: 'python/missing-type-hints',
    summary: 'A public function with an unannotated parameter or no return annotation.',
    severity: 'warning',
    peerCodes: ['ANN001', 'ANN002', 'ANN003', 'ANN201', 'ANN202', 'ANN204', 'ANN205', 'ANN206'],
    policy: 'Python scripts are typed: public functions annotate every parameter (except `self`/`cls`) and their return type.',
    fixable: 'yes',
    fixApplicability: 'safe',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'Type hints are checked documentation: a type checker and the editor catch a wrong argument before the code runs, and a reader sees the contract at the call site. Public functions are the ones other modules call, so they carry the annotations; private helpers may go without.' +
        EXEMPT_CODE_NOTE,
      bad: `def retry(task, attempts=3):
    for _ in range(attempts):
        task()
`,
      good: `from collections.abc import Callable


def retry(task: Callable[[], None], attempts: int = 3) -> None:
    for _ in range(attempts):
        task()
`,
      fix: 'When the return annotation is missing and the function provably returns nothing (no `return <value>`, no `yield`, not a body that always ends in a `raise` (its type is `NoReturn`), not an abstract method, overload, Protocol member or stub body, and not a method that writes `return None`, which is often a default its overrides replace with a value), the fix adds `-> None` after the parameter list. Parameter types need a human.',
      peers:
        "Ruff's flake8-annotations rules ANN001/ANN002/ANN003 (parameters, `*args`, `**kwargs`) and ANN201/ANN202/ANN204/ANN206 (return types) report private functions too, under separate codes; Plumbline reports only public functions (public as PL301 decides it, so nested functions and `_private` names are skipped, and so is a method marked `@typing.override`, whose signature and annotations are the overridden method's: pyright takes its parameter types from there, and, as in Ruff, the implementation of a function with `@overload` signatures, which carry its types) and asks `__init__` for `-> None` like ANN204. One diagnostic per unannotated parameter, at its name, and one for the missing return type, at the function name. `self` and `cls` are never reported, nor the task a bound Celery task receives first (`@app.task(bind=True)`); the first parameter of a `@staticmethod` is.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    const facts = moduleFacts(model);
    const { document } = model;
    const isOverloadImplementation = overloadImplementations(facts);
    for (const definition of facts.definitions) {
      // An `@override` takes its signature from the method it overrides: the annotations belong there (pyright reads them from it).
      if (definition.kind !== 'function' || definition.broken || !isPublic(facts, definition) || hasDecorator(definition, 'override')) continue;
      // The implementation after `@overload` signatures: callers and type checkers see the signatures, which carry the types.
      if (isOverloadImplementation(definition)) continue;
      for (const parameter of explicitParameters(model, definition)) {
        if (parameter.annotated) continue;
        context.report({
          message: `Parameter "${parameter.prefix}${parameter.name}" of "${definition.name}" has no type annotation; add one.`,
          range: document.rangeOf(parameter.node.from, parameter.node.to),
        });
      }
      if (definition.node.getChild('TypeDef')) continue;
      const fix = returnNoneFix(model, definition);
      context.report({
        message: `${isMethod(definition) ? 'Method' : 'Function'} "${definition.name}" has no return type annotation; add one${fix ? ' ("-> None": it returns nothing)' : ''}.`,
        range: document.rangeOf(definition.nameNode.from, definition.nameNode.to),
        fixes: fix ? [fix] : [],
      });
    }
  },
});
