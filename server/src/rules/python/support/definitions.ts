/** Function and class definitions: their parameters, decorators and how control leaves them. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonModel } from '../../../languages/python';
import { dottedName, lastSegment, nodeText, statementsOf, walkOwnScope } from './tree';

export interface PyParameter {
  name: string;
  /** `*` or `**` for variadic parameters. */
  prefix: '' | '*' | '**';
  node: SyntaxNode;
  annotated: boolean;
  defaultValue: SyntaxNode | undefined;
}

export interface PyDefinition {
  kind: 'function' | 'class';
  /** The FunctionDefinition or ClassDefinition node. */
  node: SyntaxNode;
  /** The DecoratedStatement around it, or the node itself: where the statement starts. */
  statement: SyntaxNode;
  name: string;
  nameNode: SyntaxNode;
  /** Decorator names without arguments: `property`, `typing.overload`, `total.setter`. */
  decorators: string[];
  parent: PyDefinition | undefined;
  body: SyntaxNode | undefined;
  /** A syntax error in the header (decorators, name, parameters): rules leave such a definition alone. */
  broken: boolean;
}

export function decoratorName(model: PythonModel, decorator: SyntaxNode): string {
  const at = decorator.firstChild;
  let end = decorator.to;
  for (let child = at?.nextSibling; child; child = child.nextSibling) {
    if (child.name === 'ArgList') {
      end = child.from;
      break;
    }
  }
  return model.text.slice(at ? at.to : decorator.from, end).replace(/\s+/g, '');
}

/** Reads something of a definition once, however many rules ask (PL301's stub and PL302 both read parameters and flow). */
function oncePerDefinition<T>(read: (model: PythonModel, definition: PyDefinition) => T): (model: PythonModel, definition: PyDefinition) => T {
  return (model, definition) => model.document.deriveFor(definition, read, () => read(model, definition));
}

export const parametersOf: (model: PythonModel, definition: PyDefinition) => readonly PyParameter[] = oncePerDefinition(readParameters);

function readParameters(model: PythonModel, definition: PyDefinition): PyParameter[] {
  const list = definition.node.getChild('ParamList');
  const parameters: PyParameter[] = [];
  if (!list) return parameters;
  let prefix: PyParameter['prefix'] = '';
  let expectDefault = false;
  for (let child = list.firstChild; child; child = child.nextSibling) {
    const current = parameters[parameters.length - 1];
    if (expectDefault) {
      if (current) current.defaultValue = child;
      expectDefault = false;
    } else if (child.name === '*' || child.name === '**') {
      prefix = child.name;
    } else if (child.name === ',' || child.name === '/') {
      prefix = '';
    } else if (child.name === 'VariableName') {
      parameters.push({ name: nodeText(model, child), prefix, node: child, annotated: false, defaultValue: undefined });
    } else if (child.name === 'TypeDef' && current) {
      current.annotated = true;
    } else if (child.name === 'AssignOp') {
      expectDefault = true;
    }
  }
  return parameters;
}

export function isMethod(definition: PyDefinition): boolean {
  return definition.kind === 'function' && definition.parent?.kind === 'class';
}

export function hasDecorator(definition: PyDefinition, ...names: string[]): boolean {
  return definition.decorators.some((decorator) => names.includes(lastSegment(decorator)));
}

/** `@app.task(bind=True)`, `@shared_task(bind=True)`: Celery passes the task itself first, as a method gets `self`. */
function isBoundCeleryTask(model: PythonModel, definition: PyDefinition): boolean {
  return (
    hasDecorator(definition, 'task', 'shared_task') &&
    definition.statement.getChildren('Decorator').some((decorator) => /\bbind\s*=\s*True\b/.test(nodeText(model, decorator)))
  );
}

/** Parameters a caller passes: without the implicit `self`/`cls` of methods, or the task of a bound Celery task. */
export function explicitParameters(model: PythonModel, definition: PyDefinition): readonly PyParameter[] {
  const parameters = parametersOf(model, definition);
  const implicitFirst = (isMethod(definition) && !hasDecorator(definition, 'staticmethod')) || isBoundCeleryTask(model, definition);
  if (implicitFirst && parameters[0]?.prefix === '') return parameters.slice(1);
  return parameters;
}

export function isAbstract(definition: PyDefinition): boolean {
  return hasDecorator(definition, 'abstractmethod', 'abstractproperty', 'abstractclassmethod', 'abstractstaticmethod');
}

export function isOverload(definition: PyDefinition): boolean {
  return hasDecorator(definition, 'overload');
}

/** A class that derives from `Protocol` (or `typing.Protocol[T]`). */
export function isProtocolClass(model: PythonModel, definition: PyDefinition | undefined): boolean {
  if (definition?.kind !== 'class') return false;
  const bases = definition.node.getChild('ArgList');
  return bases !== null && /(?:^|[\s(,.])Protocol\b/.test(nodeText(model, bases));
}

/** Bases that add no behaviour to override: `object`, abstract base and generic markers. */
const BEHAVIOURLESS_BASES = new Set(['object', 'ABC', 'Generic']);

/**
 * The class's base classes that may have behaviour to override (`class
 * CSV(BaseQueryRunner)`), by their written names; keyword arguments such as
 * `metaclass=` and the markers in BEHAVIOURLESS_BASES are left out.
 */
export function behaviourBases(model: PythonModel, definition: PyDefinition): string[] {
  const bases = definition.node.getChild('ArgList');
  if (!bases) return [];
  const names: string[] = [];
  for (let argument = bases.firstChild; argument; argument = argument.nextSibling) {
    // A base stands alone between the parentheses and commas: not `metaclass=Meta`, not `**kwargs`.
    const alone = argument.prevSibling?.name === '(' || argument.prevSibling?.name === ',';
    if (!alone || (argument.name !== 'VariableName' && argument.name !== 'MemberExpression') || argument.nextSibling?.name === 'AssignOp') continue;
    const name = nodeText(model, argument);
    if (!BEHAVIOURLESS_BASES.has(lastSegment(name))) names.push(name);
  }
  return names;
}

export interface FunctionFlow {
  /** A `return <value>` other than `return None`. */
  returnsValue: boolean;
  /** A `return None` written out: a value on purpose, often an overridable default. */
  returnsNoneExplicitly: boolean;
  yields: boolean;
  /** Exception names raised in the body, in order of first appearance. */
  raises: string[];
  /** No `return` anywhere and a `raise` last: every call ends in an exception (its return type is `NoReturn`, not `None`). */
  neverReturns: boolean;
}

/** How control leaves a function: returned values, yields and raised exceptions of its own scope. */
export const functionFlow: (model: PythonModel, definition: PyDefinition) => FunctionFlow = oncePerDefinition(readFunctionFlow);

function readFunctionFlow(model: PythonModel, definition: PyDefinition): FunctionFlow {
  const flow: FunctionFlow = { returnsValue: false, returnsNoneExplicitly: false, yields: false, raises: [], neverReturns: false };
  if (!definition.body) return flow;
  let returns = false;
  walkOwnScope(definition.body, (cursor) => {
    if (cursor.name === 'ReturnStatement') {
      returns = true;
      const value = cursor.node.firstChild?.nextSibling;
      if (value && value.name !== 'None') flow.returnsValue = true;
      else if (value) flow.returnsNoneExplicitly = true;
    } else if (cursor.name === 'YieldStatement' || cursor.name === 'YieldExpression') {
      flow.yields = true;
    } else if (cursor.name === 'RaiseStatement') {
      const raised = cursor.node.firstChild?.nextSibling;
      const target = raised?.name === 'CallExpression' ? raised.firstChild : raised;
      const name = dottedName(model, target);
      // `raise error` re-raises a variable; only class-like names say what a caller must expect.
      if (name && /^[A-Z]/.test(lastSegment(name)) && !flow.raises.includes(name)) flow.raises.push(name);
    }
  });
  flow.neverReturns = !returns && statementsOf(definition.body).at(-1)?.name === 'RaiseStatement';
  return flow;
}
