/** What a single statement is: a `__main__` guard, a placeholder, a stub body. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonModel } from '../../../languages/python';
import { docstringOf, nodeText, statementsOf } from './tree';

/** `if __name__ == "__main__":` (either operand order, either quote). */
/**
 * Whether the text can hold a `__main__` guard, which spells the name
 * whatever its quotes and spacing: a rule that needs one reads no parse of a
 * module without it (most modules, test modules among them, are never parsed
 * then).
 */
export function mayHaveMainGuard(text: string): boolean {
  return text.includes('__main__');
}

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
  return (
    statement.name === 'PassStatement' ||
    (statement.name === 'ExpressionStatement' && statement.firstChild?.name === 'Ellipsis' && !statement.firstChild.nextSibling)
  );
}

/** A body that is only a docstring, `pass`, `...` or `raise NotImplementedError`: it says nothing about what it returns. */
export function isStubBody(model: PythonModel, body: SyntaxNode): boolean {
  const docstring = docstringOf(body);
  return statementsOf(body).every(
    (statement) => statement.from === docstring?.from || isPlaceholderStatement(statement) || isNotImplementedRaise(model, statement),
  );
}
