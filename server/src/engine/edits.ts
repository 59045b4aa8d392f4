import { SourceDocument } from './sourceDocument';
import type { Diagnostic, Fix, Position, Range, TextEdit } from './types';

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/**
 * Applies text edits to a text. Edits must not overlap (inserts at the same
 * position are applied in the order given).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = new SourceDocument('', text);
  const resolved = edits
    .map((edit, order) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      newText: edit.newText,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const edit of resolved) {
    if (edit.start < cursor) throw new Error('applyEdits: overlapping edits');
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** The fix that `--fix` and `source.fixAll` apply: preferred, and confined to the document. */
export function autoFixOf(diagnostic: Diagnostic): Fix | undefined {
  return diagnostic.fixes?.find((fix) => fix.isPreferred && !fix.workspaceChanges?.length && fix.edits.length > 0);
}

function spanOf(edits: readonly TextEdit[]): Range {
  let { start, end } = edits[0]!.range;
  for (const edit of edits) {
    if (comparePositions(edit.range.start, start) < 0) start = edit.range.start;
    if (comparePositions(edit.range.end, end) > 0) end = edit.range.end;
  }
  return { start, end };
}

/**
 * Picks the auto-fixes of one lint pass that can be applied together: a fix
 * whose edits would touch another's span waits for the next pass, as ESLint
 * does.
 */
export function nonOverlappingAutoFixEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const taken: Range[] = [];
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix = autoFixOf(diagnostic);
    if (!fix) continue;
    const span = spanOf(fix.edits);
    const isInsertion = comparePositions(span.start, span.end) === 0;
    const clashes = taken.some((other) =>
      isInsertion
        ? comparePositions(other.start, span.start) <= 0 && comparePositions(span.start, other.end) <= 0
        : rangesOverlap(other, span) || comparePositions(other.start, span.start) === 0,
    );
    if (clashes) continue;
    taken.push(span);
    edits.push(...fix.edits);
  }
  return edits;
}
