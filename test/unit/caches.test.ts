/**
 * One memoisation mechanism: what rules and languages compute once is kept
 * by the engine (SourceDocument.derive/deriveFor/deriveWhile, WorkspaceIndex
 * .derive/deriveWhile/deriveOfFile), beside what it was computed from. A
 * module-level Map or WeakMap in a rule or a language module is a cache of
 * its own, with its own lifetime; this scan refuses new ones.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const SCANNED = ['server/src/rules', 'server/src/languages'];

/** Caches that cannot live in the engine's tables, each with the reason. */
const ALLOWED: Record<string, string> = {
  'server/src/languages/python.ts lastParseByPath':
    "an edited buffer's parse reuses the previous version's statement trees, so they must outlive the document they came from",
  'server/src/languages/python.ts errorNodesOfSubtree':
    'subtrees are shared between successive parses of a buffer, so their error nodes must outlive the document that first parsed them',
  'server/src/languages/compose.ts aliasTargets':
    'keyed by the yaml Document that resolveNode is handed at 27 call sites; one table per parse, as deriveFor keeps, but reaching the model there is a wider change',
};

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(repositoryRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')))
    .sort();
}

function isMapConstruction(node: ts.Node | undefined): boolean {
  while (node && (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node))) node = node.expression;
  return !!node && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ['Map', 'WeakMap'].includes(node.expression.text);
}

/**
 * `<file> <name>` of each module-level variable initialised with a new Map or
 * WeakMap, and of each WeakMap built anywhere (a factory that closes over one
 * is a module-level cache too).
 */
function caches(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repositoryRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (isMapConstruction(declaration.initializer)) found.push(`${file} ${declaration.name.getText(source)}`);
    }
  }
  const visit = (node: ts.Node): void => {
    const namedAtModuleLevel = node.parent !== undefined && ts.isVariableDeclaration(node.parent) && node.parent.parent.parent?.parent === source;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'WeakMap' && !namedAtModuleLevel) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push(`${file} WeakMap on line ${line}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(found)];
}

describe('caches', () => {
  it('rules and languages keep no module-level Map or WeakMap caches', () => {
    const found = SCANNED.flatMap(sourceFiles).flatMap(caches);
    const unexpected = found.filter((cache) => !(cache in ALLOWED));
    assert.deepEqual(unexpected, [], 'Keep computed values in SourceDocument.derive…/WorkspaceIndex.derive… (docs/architecture.md, "Memoisation").');
    // An allowance for a cache that is gone is removed with it.
    assert.deepEqual(
      Object.keys(ALLOWED).filter((cache) => !found.includes(cache)),
      [],
    );
  });
});
