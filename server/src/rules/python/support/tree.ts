/** Walking the lezer Python tree: statements, names, calls and scopes. */
import type { SyntaxNode, TreeCursor } from '@lezer/common';
import type { PythonModel } from '../../../languages/python';

const STATEMENT_PUNCTUATION = new Set([':', ';', 'Comment']);
/** Nodes whose children can hold statements; everything else is an expression or a token. */
export const STATEMENT_HOLDERS = new Set([
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
