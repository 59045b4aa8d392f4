/**
 * The module-level logger a print → logging fix calls, and the edits that
 * create it: `import logging` where isort (and Ruff's `I` rules) would put it,
 * `logger = logging.getLogger(__name__)` after the imports.
 */
import type { SyntaxNode } from '@lezer/common';
import type { TextEdit } from '../../../engine/types';
import type { PythonModel } from '../../../languages/python';
import { STDLIB_MODULES } from './stdlibModules';
import { moduleStartOffset } from './indentation';
import type { ModuleFacts } from './moduleFacts';
import { dottedName, nodeText } from './tree';

export interface LoggerSetup {
  /** The module-level logger to call: an existing `name = logging.getLogger(...)`, else `logger`. */
  name: string;
  /** `import logging` (when missing) and the logger assignment, when the module lacks the logger. */
  edits: TextEdit[];
}

interface ImportLine {
  node: SyntaxNode;
  /** The top-level module, lowercased as isort compares it; `.` for relative imports. */
  module: string;
  /** `import x` rather than `from x import y`: isort puts those first in a section. */
  straight: boolean;
}

/** `name = logging.getLogger(...)`: the module already has a logger to call. */
function existingLoggerName(model: PythonModel, statement: SyntaxNode): string | undefined {
  if (statement.name !== 'AssignStatement') return undefined;
  const target = statement.firstChild;
  const call = target?.nextSibling?.nextSibling;
  if (target?.name !== 'VariableName' || call?.name !== 'CallExpression') return undefined;
  return dottedName(model, call.firstChild) === 'logging.getLogger' ? nodeText(model, target) : undefined;
}

function importLine(model: PythonModel, statement: SyntaxNode): ImportLine | undefined {
  if (statement.name !== 'ImportStatement') return undefined;
  const match = /^(import|from)\s+(\.*)([\w]*)/.exec(nodeText(model, statement));
  if (!match) return undefined;
  return { node: statement, module: match[2] ? '.' : match[3]!, straight: match[1] === 'import' };
}

function isStdlib(line: ImportLine): boolean {
  return line.module !== '__future__' && STDLIB_MODULES.has(line.module);
}

/** Offset of the start of the line holding `offset` (LF, CRLF or lone CR line ends). */
function lineStart(model: PythonModel, offset: number): number {
  return model.document.offsetAt({ line: model.document.positionAt(offset).line, character: 0 });
}

/** Offset just past the line holding `offset` (its line break included), or the text's end. */
function nextLineStart(model: PythonModel, offset: number): number {
  return model.document.offsetAt({ line: model.document.positionAt(offset).line + 1, character: 0 });
}

/**
 * Where `import logging` goes in the module's leading import block, as isort
 * orders it: among the standard-library `import x` lines in alphabetical
 * order, else before the first standard-library `from` import, else as a
 * section of its own before the third-party imports. Undefined when the block
 * holds nothing but `__future__` imports.
 */
function loggingImportEdit(model: PythonModel, block: readonly ImportLine[], eol: string): TextEdit | undefined {
  const stdlib = block.filter(isStdlib);
  const straight = stdlib.filter((line) => line.straight);
  const after = straight.find((line) => line.module.toLowerCase() > 'logging');
  const insert = (offset: number, newText: string): TextEdit => ({ range: model.document.rangeOf(offset, offset), newText });
  if (after) return insert(lineStart(model, after.node.from), `import logging${eol}`);
  if (straight.length > 0) return insert(nextLineStart(model, straight[straight.length - 1]!.node.to), `import logging${eol}`);
  if (stdlib.length > 0) return insert(lineStart(model, stdlib[0]!.node.from), `import logging${eol}`);
  const firstOther = block.find((line) => line.module !== '__future__');
  return firstOther && insert(lineStart(model, firstOther.node.from), `import logging${eol}${eol}`);
}

export function loggerSetup(model: PythonModel, facts: ModuleFacts): LoggerSetup {
  for (const statement of facts.topLevel) {
    const existing = existingLoggerName(model, statement);
    if (existing) return { name: existing, edits: [] };
  }
  // The leading block: the docstring, then the imports up to the first other statement.
  const block: ImportLine[] = [];
  let header: SyntaxNode | undefined;
  for (const [index, statement] of facts.topLevel.entries()) {
    if (index === 0 && statement.from === facts.docstring?.from) {
      header = statement;
      continue;
    }
    const line = importLine(model, statement);
    if (!line) break;
    block.push(line);
    header = statement;
  }
  const importsLogging = facts.topLevel.some(
    (statement) => statement.name === 'ImportStatement' && /^import\s[^#\n]*\blogging\b(?!\s+as\b|\.)/.test(nodeText(model, statement)),
  );
  const { document } = model;
  const eol = document.eol;
  const offset = header ? nextLineStart(model, header.to) : moduleStartOffset(document);
  const atEndWithoutBreak = offset === model.text.length && model.text.length > 0 && !/[\r\n]$/.test(model.text);
  const loggerLine = `${eol}logger = logging.getLogger(__name__)${eol}`;
  const importEdit = importsLogging ? undefined : loggingImportEdit(model, block, eol);
  // Without imports to join, `import logging` opens the block, right before the logger
  // (a section of its own after `from __future__` imports).
  const afterFuture = block.length > 0 ? eol : '';
  const inline = importsLogging || importEdit ? '' : `${afterFuture}import logging${eol}`;
  const loggerEdit = { range: document.rangeOf(offset, offset), newText: (atEndWithoutBreak ? eol : '') + inline + loggerLine };
  return { name: 'logger', edits: importEdit ? [importEdit, loggerEdit] : [loggerEdit] };
}
