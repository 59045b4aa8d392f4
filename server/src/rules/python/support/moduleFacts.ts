/**
 * What the Python rules need to know about a module, read from the lezer
 * tree: definitions with their decorators, parameters and scope, the module
 * docstring, `__all__`, `__main__` blocks and imports. One walk per module,
 * shared by every rule through a cache keyed on the parse.
 */
import type { SyntaxNode, SyntaxNodeRef, TreeCursor } from '@lezer/common';
import type { PythonModel } from '../../../languages/python';
import { decoratorName, type PyDefinition } from './definitions';
import { isMainGuard } from './statements';
import { docstringOf, lastSegment, nodeText, STATEMENT_HOLDERS, statementsOf, walk } from './tree';

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
  /**
   * Module-level functions with `@overload` signatures: module-wide, since a
   * signature and the implementation are separate statements (the methods of
   * a class lie in one).
   */
  overloadedFunctions: ReadonlySet<string>;
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

/** The names of module-level functions decorated `@overload` (`@typing.overload`). */
function readOverloadedFunctions(model: PythonModel, topLevel: readonly SyntaxNode[]): Set<string> {
  const names = new Set<string>();
  for (const statement of topLevel) {
    if (statement.name !== 'DecoratedStatement') continue;
    const name = statement.getChild('FunctionDefinition')?.getChild('VariableName');
    const overload = statement.getChildren('Decorator').some((decorator) => lastSegment(decoratorName(model, decorator)) === 'overload');
    if (name && overload) names.add(nodeText(model, name));
  }
  return names;
}

type ModuleWideFacts = Omit<ModuleFacts, 'definitions'>;

/**
 * Everything but the definitions; imports are read on first use, since a
 * rule that returns early (no `__main__` block) needs no walk of the whole
 * module for them.
 */
function readModuleWide(model: PythonModel): ModuleWideFacts {
  const topLevel = statementsOf(model.tree.topNode);
  let importedModules: Set<string> | undefined;
  const mainBlocks: SyntaxNode[] = [];
  for (const statement of topLevel) {
    if (statement.name === 'IfStatement' && isMainGuard(model, statement)) mainBlocks.push(statement);
  }
  return {
    docstring: docstringOf(model.tree.topNode),
    dunderAll: readDunderAll(model, topLevel),
    overloadedFunctions: readOverloadedFunctions(model, topLevel),
    mainBlocks,
    get importedModules() {
      importedModules ??= readImportedModules(model);
      return importedModules;
    },
    topLevel,
  };
}

/**
 * The facts. A view that re-checks some statements (`model.scope`) shares
 * the module-wide facts with the whole module, as they have the same tree,
 * and lists only its own definitions, read on first use.
 */
function buildFacts(model: PythonModel): ModuleFacts {
  const wide = model.document.deriveFor(model.tree, readModuleWide, () => readModuleWide(model));
  let definitions: PyDefinition[] | undefined;
  return {
    get definitions() {
      definitions ??= readDefinitions(model);
      return definitions;
    },
    docstring: wide.docstring,
    dunderAll: wide.dunderAll,
    mainBlocks: wide.mainBlocks,
    get importedModules() {
      return wide.importedModules;
    },
    topLevel: wide.topLevel,
    overloadedFunctions: wide.overloadedFunctions,
  };
}

export function moduleFacts(model: PythonModel): ModuleFacts {
  return model.document.deriveFor(model, buildFacts, () => buildFacts(model));
}
