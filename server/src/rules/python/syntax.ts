/**
 * What the Python rules need to know about a module, read from the lezer
 * tree: definitions with their decorators, parameters and scope, the module
 * docstring, `__all__`, `__main__` blocks and imports. One walk per module,
 * shared by every rule through a cache keyed on the parse.
 */
import type { SyntaxNode, SyntaxNodeRef, TreeCursor } from '@lezer/common';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { PythonModel } from '../../languages/python';

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

export interface ModuleFacts {
  /** Every definition, outer before inner, in source order. */
  definitions: PyDefinition[];
  docstring: SyntaxNode | undefined;
  /** Names listed in a literal `__all__`; undefined when the module has none (or a computed one). */
  dunderAll: ReadonlySet<string> | undefined;
  /** Module-level `if __name__ == "__main__":` statements. */
  mainBlocks: SyntaxNode[];
  /** Top-level names of every imported module (`os.path` → `os`, `from click import x` → `click`). */
  importedModules: ReadonlySet<string>;
  /** Module-level statements, in order. */
  topLevel: SyntaxNode[];
}

const STATEMENT_PUNCTUATION = new Set([':', ';', 'Comment']);
/** Nodes whose children can hold statements; everything else is an expression or a token. */
const STATEMENT_HOLDERS = new Set([
  'Script',
  'Body',
  'StatementGroup',
  'DecoratedStatement',
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'TryStatement',
  'WithStatement',
  'MatchStatement',
  'MatchBody',
  'MatchClause',
  'FunctionDefinition',
  'ClassDefinition',
]);
const NESTED_SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

export function nodeText(model: PythonModel, node: { from: number; to: number }): string {
  return model.text.slice(node.from, node.to);
}

/** The statements of a Script, Body or StatementGroup, with `a; b` groups flattened. */
export function statementsOf(container: SyntaxNode): SyntaxNode[] {
  const statements: SyntaxNode[] = [];
  for (let child = container.firstChild; child; child = child.nextSibling) {
    if (STATEMENT_PUNCTUATION.has(child.name) || child.type.isError) continue;
    if (child.name === 'StatementGroup') statements.push(...statementsOf(child));
    else statements.push(child);
  }
  return statements;
}

/** The first statement of a Script or Body, without materialising the rest. */
export function firstStatementOf(container: SyntaxNode): SyntaxNode | undefined {
  for (let child = container.firstChild; child; child = child.nextSibling) {
    if (STATEMENT_PUNCTUATION.has(child.name) || child.type.isError) continue;
    return child.name === 'StatementGroup' ? firstStatementOf(child) : child;
  }
  return undefined;
}

/** The docstring of a Script or Body: its first statement, when that is a plain string literal. */
export function docstringOf(container: SyntaxNode | undefined): SyntaxNode | undefined {
  const first = container && firstStatementOf(container);
  if (first?.name !== 'ExpressionStatement') return undefined;
  const literal = first.firstChild;
  if (!literal || literal.nextSibling) return undefined;
  return literal.name === 'String' || literal.name === 'ContinuedString' ? literal : undefined;
}

/** `a.b.c` for a VariableName or a chain of member accesses on names; undefined for anything else. */
export function dottedName(model: PythonModel, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName') return nodeText(model, node);
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.lastChild;
  if (property?.name !== 'PropertyName') return undefined;
  const base = dottedName(model, object);
  return base === undefined ? undefined : `${base}.${nodeText(model, property)}`;
}

/**
 * The call a name is the callee of: `print` in `print(x)`, `signal` in
 * `signal.signal(...)`, `add_signal_handler` in `loop().add_signal_handler(...)`.
 */
export function callOf(name: SyntaxNode): SyntaxNode | undefined {
  let callee: SyntaxNode | null = name;
  if (name.name === 'PropertyName') callee = name.parent?.lastChild?.from === name.from ? name.parent : null;
  else if (name.name !== 'VariableName') callee = null;
  const call = callee?.parent;
  return call?.name === 'CallExpression' && call.firstChild?.from === callee!.from && call.firstChild.to === callee!.to ? call : undefined;
}

/** The last segment of a dotted name: `typing.overload` → `overload`. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * Walks the subtree under `root` depth-first. `enter` returns false to skip a
 * node's children. The cursor never leaves the subtree.
 */
export function walk(root: SyntaxNode, enter: (cursor: TreeCursor) => boolean | void): void {
  const cursor = root.cursor();
  let depth = 0;
  for (;;) {
    if (enter(cursor) !== false && cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

/** Walks a function or class body without entering nested functions, classes and lambdas. */
export function walkOwnScope(body: SyntaxNode, enter: (cursor: TreeCursor) => void): void {
  walk(body, (cursor) => {
    if (NESTED_SCOPES.has(cursor.name) || cursor.name === 'DecoratedStatement') return false;
    enter(cursor);
    return undefined;
  });
}

function decoratorName(model: PythonModel, decorator: SyntaxNode): string {
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
  const cache = new WeakMap<PyDefinition, T>();
  return (model, definition) => {
    if (!cache.has(definition)) cache.set(definition, read(model, definition));
    return cache.get(definition)!;
  };
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

function isMethod(definition: PyDefinition): boolean {
  return definition.kind === 'function' && definition.parent?.kind === 'class';
}

export function hasDecorator(definition: PyDefinition, ...names: string[]): boolean {
  return definition.decorators.some((decorator) => names.includes(lastSegment(decorator)));
}

/** Parameters a caller passes: without the implicit `self`/`cls` of methods. */
export function explicitParameters(model: PythonModel, definition: PyDefinition): readonly PyParameter[] {
  const parameters = parametersOf(model, definition);
  if (isMethod(definition) && !hasDecorator(definition, 'staticmethod') && parameters[0]?.prefix === '') {
    return parameters.slice(1);
  }
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

/** `if __name__ == "__main__":` (either operand order, either quote). */
export function isMainGuard(model: PythonModel, statement: SyntaxNode): boolean {
  if (statement.name !== 'IfStatement') return false;
  const condition = statement.firstChild?.nextSibling;
  if (condition?.name !== 'BinaryExpression') return false;
  const compact = nodeText(model, condition).replace(/\s+/g, '').replace(/'/g, '"');
  return compact === '__name__=="__main__"' || compact === '"__main__"==__name__';
}

/** `raise NotImplementedError` or `raise NotImplementedError(...)`. */
export function isNotImplementedRaise(model: PythonModel, statement: SyntaxNode): boolean {
  return statement.name === 'RaiseStatement' && /^raise\s+NotImplementedError\b/.test(nodeText(model, statement));
}

/** `pass` or a bare `...` statement. */
export function isPlaceholderStatement(statement: SyntaxNode): boolean {
  return statement.name === 'PassStatement' || (statement.name === 'ExpressionStatement' && statement.firstChild?.name === 'Ellipsis' && !statement.firstChild.nextSibling);
}

/** A body that is only a docstring, `pass`, `...` or `raise NotImplementedError`: it says nothing about what it returns. */
export function isStubBody(model: PythonModel, body: SyntaxNode): boolean {
  const docstring = docstringOf(body);
  return statementsOf(body).every(
    (statement) => statement.from === docstring?.from || isPlaceholderStatement(statement) || isNotImplementedRaise(model, statement),
  );
}

export interface FunctionFlow {
  /** A `return <value>` other than `return None`. */
  returnsValue: boolean;
  yields: boolean;
  /** Exception names raised in the body, in order of first appearance. */
  raises: string[];
}

/** How control leaves a function: returned values, yields and raised exceptions of its own scope. */
export const functionFlow: (model: PythonModel, definition: PyDefinition) => FunctionFlow = oncePerDefinition(readFunctionFlow);

function readFunctionFlow(model: PythonModel, definition: PyDefinition): FunctionFlow {
  const flow: FunctionFlow = { returnsValue: false, yields: false, raises: [] };
  if (!definition.body) return flow;
  walkOwnScope(definition.body, (cursor) => {
    if (cursor.name === 'ReturnStatement') {
      const value = cursor.node.firstChild?.nextSibling;
      if (value && value.name !== 'None') flow.returnsValue = true;
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
  return flow;
}

const LITERAL_PUNCTUATION = new Set(['(', ')', '[', ']', ',', 'Comment']);

/** The strings of a literal list or tuple of strings (`[...]`, `(...)` or a bare `'a', 'b'`), given its first node. */
function literalNames(model: PythonModel, first: SyntaxNode | null): string[] | undefined {
  if (!first) return undefined;
  const container = ['ArrayExpression', 'TupleExpression', 'ParenthesizedExpression'].includes(first.name);
  const names: string[] = [];
  let sawComma = false;
  for (let child = container ? first.firstChild : first; child; child = child.nextSibling) {
    if (child.name === ',') sawComma = true;
    if (LITERAL_PUNCTUATION.has(child.name)) continue;
    if (child.name !== 'String') return undefined;
    names.push(nodeText(model, child).replace(/^[a-zA-Z]*(['"])(.*)\1$/s, '$2'));
  }
  return container || sawComma ? names : undefined;
}

const DEFINITION_STATEMENTS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement']);

/** Whether a module-level statement names `__all__` where pydocstyle sees it: outside strings, definitions and nested blocks. */
function mentionsDunderAll(model: PythonModel, statement: SyntaxNode): boolean {
  if (DEFINITION_STATEMENTS.has(statement.name)) return false;
  let found = false;
  walk(statement, (cursor) => {
    if (found || cursor.name === 'Body') return false;
    if (cursor.name === 'VariableName' && cursor.to - cursor.from === 7 && nodeText(model, cursor) === '__all__') found = true;
    return undefined;
  });
  return found;
}

/**
 * pydocstyle's reading of `__all__`: the first module-level mention must be
 * `__all__ = <literal list or tuple of strings>`; any later module-level
 * mention (`__all__.extend(...)`, `__all__ += ...`) makes it unknowable, and
 * then names decide as if there were none.
 */
function readDunderAll(model: PythonModel, topLevel: readonly SyntaxNode[]): Set<string> | undefined {
  let names: Set<string> | undefined;
  let seen = false;
  for (const statement of topLevel) {
    if (!mentionsDunderAll(model, statement)) continue;
    if (seen) return undefined;
    seen = true;
    const target = statement.firstChild;
    const operator = target?.nextSibling;
    if (statement.name !== 'AssignStatement' || target?.name !== 'VariableName' || nodeText(model, target) !== '__all__' || operator?.name !== 'AssignOp') {
      return undefined;
    }
    const listed = literalNames(model, operator.nextSibling);
    if (!listed) return undefined;
    names = new Set(listed);
  }
  return names;
}

function importedModuleNames(model: PythonModel, statement: SyntaxNode, into: Set<string>): void {
  const keyword = statement.firstChild;
  if (keyword?.name === 'from') {
    const module = keyword.nextSibling;
    if (module?.name === 'VariableName') into.add(nodeText(model, module));
    return;
  }
  let afterDot = false;
  let afterAs = false;
  for (let child = keyword?.nextSibling; child; child = child.nextSibling) {
    if (child.name === 'VariableName' && !afterDot && !afterAs) into.add(nodeText(model, child));
    afterDot = child.name === '.';
    if (child.name === 'as') afterAs = true;
    if (child.name === ',') afterAs = false;
  }
}

/** Definitions in source order, outer before inner: of the whole module, or of a scoped view's spans only. */
function readDefinitions(model: PythonModel): PyDefinition[] {
  const definitions: PyDefinition[] = [];
  const stack: PyDefinition[] = [];
  const enter = (cursor: TreeCursor | SyntaxNodeRef): false | undefined => {
    if (!STATEMENT_HOLDERS.has(cursor.name)) return false;
    if (cursor.name !== 'FunctionDefinition' && cursor.name !== 'ClassDefinition') return undefined;
    const node = cursor.node;
    const nameNode = node.getChild('VariableName');
    const body = node.getChild('Body') ?? undefined;
    const decorated = node.parent?.name === 'DecoratedStatement' ? node.parent : undefined;
    const statement = decorated ?? node;
    const decorators = decorated ? decorated.getChildren('Decorator').map((d) => decoratorName(model, d)) : [];
    const headerEnd = body?.from ?? node.to;
    const definition: PyDefinition = {
      kind: cursor.name === 'FunctionDefinition' ? 'function' : 'class',
      node,
      statement,
      name: nameNode ? nodeText(model, nameNode) : '',
      nameNode: nameNode ?? node,
      decorators,
      parent: stack[stack.length - 1],
      body,
      broken: !nameNode || !body || model.hasErrorIn(statement.from, headerEnd + 1),
    };
    definitions.push(definition);
    stack.push(definition);
    return undefined;
  };
  const leave = (cursor: SyntaxNodeRef) => {
    if (cursor.name === 'FunctionDefinition' || cursor.name === 'ClassDefinition') stack.pop();
  };
  if (!model.scope) {
    model.tree.iterate({ enter, leave });
    return definitions;
  }
  // A span holds whole top-level statements; the walk may touch the statements on either side of it.
  for (const span of model.scope) model.tree.iterate({ from: span.from, to: span.to, enter, leave });
  return definitions.filter((definition) => model.scope!.some((span) => definition.statement.from >= span.from && definition.statement.from < span.to));
}

/** Top-level names of every module imported anywhere in the module, nested blocks and definitions included. */
function readImportedModules(model: PythonModel): Set<string> {
  const importedModules = new Set<string>();
  model.tree.iterate({
    enter(cursor) {
      if (STATEMENT_HOLDERS.has(cursor.name)) return undefined;
      if (cursor.name === 'ImportStatement') importedModuleNames(model, cursor.node, importedModules);
      return false;
    },
  });
  return importedModules;
}

/**
 * The facts; definitions and imports are read on first use, since a rule
 * that returns early (no `__main__` block) or a view of a few statements
 * needs neither the walk of the whole module nor its definitions.
 */
function buildFacts(model: PythonModel): ModuleFacts {
  const topLevel = statementsOf(model.tree.topNode);
  let definitions: PyDefinition[] | undefined;
  let importedModules: Set<string> | undefined;
  const mainBlocks: SyntaxNode[] = [];
  for (let child = model.tree.topNode.firstChild; child; child = child.nextSibling) {
    if (child.name === 'IfStatement' && isMainGuard(model, child)) mainBlocks.push(child);
  }
  return {
    get definitions() {
      definitions ??= readDefinitions(model);
      return definitions;
    },
    docstring: docstringOf(model.tree.topNode),
    dunderAll: readDunderAll(model, topLevel),
    mainBlocks,
    get importedModules() {
      importedModules ??= readImportedModules(model);
      return importedModules;
    },
    topLevel,
  };
}

const factsCache = new WeakMap<PythonModel, ModuleFacts>();

export function moduleFacts(model: PythonModel): ModuleFacts {
  let facts = factsCache.get(model);
  if (!facts) {
    facts = buildFacts(model);
    factsCache.set(model, facts);
  }
  return facts;
}

/** The indentation unit of a file: a tab when its bodies are tab-indented, else four spaces. */
export function indentUnit(text: string): string {
  const match = /:[ \t]*(?:#[^\n]*)?\r?\n([ \t]+)\S/.exec(text);
  if (!match) return '    ';
  return match[1]!.startsWith('\t') ? '\t' : match[1]!.length <= 8 ? match[1]! : '    ';
}

/** The whitespace at the start of the line that holds `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Where module-level text may be inserted first: after a shebang and a PEP 263 encoding line, which must stay on top. */
export function moduleStartOffset(document: SourceDocument): number {
  let line = 0;
  while (line < 2 && /^#!|^[ \t\f]*#.*coding[:=]/.test(document.lineText(line))) line++;
  return document.offsetAt({ line, character: 0 });
}

export interface CallArgument {
  kind: 'positional' | 'keyword' | 'splat';
  /** The keyword's name, for keyword arguments. */
  keyword?: string;
  /** The argument's value (for splats: the expression after `*`/`**`). */
  value: SyntaxNode;
  from: number;
  to: number;
}

/** The arguments of a call's ArgList, in order. */
export function callArguments(model: PythonModel, argList: SyntaxNode): CallArgument[] {
  const args: CallArgument[] = [];
  let pending: { from: number; keyword?: string; splat?: boolean } | undefined;
  for (let child = argList.firstChild; child; child = child.nextSibling) {
    if (['(', ')', ',', 'Comment'].includes(child.name)) continue;
    if (child.name === '*' || child.name === '**') {
      pending = { from: child.from, splat: true };
    } else if (child.name === 'VariableName' && child.nextSibling?.name === 'AssignOp') {
      pending = { from: child.from, keyword: nodeText(model, child) };
      child = child.nextSibling;
    } else {
      const kind = pending?.splat ? 'splat' : pending?.keyword !== undefined ? 'keyword' : 'positional';
      args.push({ kind, keyword: pending?.keyword, value: child, from: pending?.from ?? child.from, to: child.to });
      pending = undefined;
    }
  }
  return args;
}

export interface ExceptHandler {
  /** The `except` keyword. */
  keyword: SyntaxNode;
  /** What it catches; undefined for a bare `except:`. */
  caught: SyntaxNode | undefined;
  body: SyntaxNode;
}

const handlersCache = new WeakMap<PythonModel, readonly ExceptHandler[]>();

/** Every `except` clause of the module (or of a scoped view), found from its keyword, read once for PL304 and PL305. */
export function exceptHandlersOf(model: PythonModel): readonly ExceptHandler[] {
  let handlers = handlersCache.get(model);
  if (!handlers) {
    handlers = model
      .nodesAtText('except', (node) => (node.name === 'except' && node.parent?.name === 'TryStatement' ? node.parent : undefined))
      .flatMap(exceptHandlers);
    handlersCache.set(model, handlers);
  }
  return handlers;
}

/** The `except` clauses of a TryStatement. */
function exceptHandlers(tryStatement: SyntaxNode): ExceptHandler[] {
  const handlers: ExceptHandler[] = [];
  for (let child = tryStatement.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'except') continue;
    let caught: SyntaxNode | undefined;
    let body: SyntaxNode | undefined;
    let seenAs = false;
    for (let next = child.nextSibling; next; next = next.nextSibling) {
      if (next.name === 'Body') {
        body = next;
        break;
      }
      if (next.name === 'as') seenAs = true;
      else if (!seenAs && !caught && next.name !== '*' && next.name !== 'Comment' && !next.type.isError) caught = next;
    }
    if (body) handlers.push({ keyword: child, caught, body });
  }
  return handlers;
}
