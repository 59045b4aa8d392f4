/** The `except` clauses of a module, for PL304 and PL305. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonModel } from '../../../languages/python';

export interface ExceptHandler {
  /** The `except` keyword. */
  keyword: SyntaxNode;
  /** What it catches; undefined for a bare `except:`. */
  caught: SyntaxNode | undefined;
  /** The name `as` binds the exception to, if any. */
  bound: SyntaxNode | undefined;
  body: SyntaxNode;
}

const EXCEPT_HANDLERS = Symbol('python except handlers');

/** Every `except` clause of the module (or of a scoped view), found from its keyword, read once for PL304 and PL305. */
export function exceptHandlersOf(model: PythonModel): readonly ExceptHandler[] {
  // Per model, not per document: a scoped view of the module finds only its own clauses.
  return model.document.deriveFor(model, EXCEPT_HANDLERS, () =>
    model.nodesAtText('except', (node) => (node.name === 'except' && node.parent?.name === 'TryStatement' ? node.parent : undefined)).flatMap(exceptHandlers),
  );
}

/** The `except` clauses of a TryStatement. */
function exceptHandlers(tryStatement: SyntaxNode): ExceptHandler[] {
  const handlers: ExceptHandler[] = [];
  for (let child = tryStatement.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'except') continue;
    let caught: SyntaxNode | undefined;
    let bound: SyntaxNode | undefined;
    let body: SyntaxNode | undefined;
    let seenAs = false;
    for (let next = child.nextSibling; next; next = next.nextSibling) {
      if (next.name === 'Body') {
        body = next;
        break;
      }
      if (next.name === 'as') seenAs = true;
      else if (seenAs && !bound && next.name === 'VariableName') bound = next;
      else if (!seenAs && !caught && next.name !== '*' && next.name !== 'Comment' && !next.type.isError) caught = next;
    }
    if (body) handlers.push({ keyword: child, caught, bound, body });
  }
  return handlers;
}
