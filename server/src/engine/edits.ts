import { SourceDocument } from './sourceDocument';
import type { Diagnostic, Fix, FixApplicability, Position, Range, TextEdit } from './types';

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

/** What a bulk fix (`--fix`, fix-all) may apply beyond the safe fixes. */
export interface BulkFixOptions {
  /** Unsafe fixes too (`--unsafe-fixes`, `fix: { unsafe: true }`). */
  unsafe?: boolean;
}

/**
 * Whether a fix of this applicability is applied in bulk: safe ones always,
 * unsafe ones on request, suggestions never. A fix without one (a rule bug:
 * see RuleFixMeta) is never applied unasked.
 */
export function appliesInBulk(applicability: FixApplicability | undefined, options: BulkFixOptions = {}): boolean {
  return applicability === 'safe' || (applicability === 'unsafe' && options.unsafe === true);
}

/** The fixes as the engine hands them on: each with its applicability, the rule's unless it states its own. */
export function withApplicability(fixes: readonly Fix[], ruleDefault: FixApplicability | undefined): Fix[] {
  return fixes.map((fix) => (fix.applicability !== undefined || ruleDefault === undefined ? fix : { ...fix, applicability: ruleDefault }));
}

/** A fix that a bulk fix could apply: preferred, and confined to the document. */
function isAutomatic(fix: Fix): boolean {
  return fix.isPreferred === true && !fix.workspaceChanges?.length && fix.edits.length > 0;
}

/**
 * The fix that `--fix` and `source.fixAll` apply: preferred, confined to the
 * document, and of an applicability the options allow (safe unless told).
 */
export function autoFixOf(diagnostic: Diagnostic, options: BulkFixOptions = {}): Fix | undefined {
  return diagnostic.fixes?.find((fix) => isAutomatic(fix) && appliesInBulk(fix.applicability, options));
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
export function nonOverlappingAutoFixEdits(diagnostics: readonly Diagnostic[], options: BulkFixOptions = {}): TextEdit[] {
  const taken: Range[] = [];
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix = autoFixOf(diagnostic, options);
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
