/**
 * How the Python rules re-check a module after an edit (see
 * engine/incremental.ts): a unit is a top-level statement with the comments
 * and blank lines after it, and the facts key holds everything outside a
 * statement that the rules declared `localTo: 'top-level statement'` read.
 */
import type { UnitPartition } from '../../../engine/incremental';
import { comparedParses, scopedPythonModel, type PythonModel, type TextSpan } from '../../../languages/python';
import { loggerSetup } from './loggerSetup';
import { indentUnit } from './indentation';
import { moduleFacts } from './moduleFacts';

/**
 * The first line of each top-level statement that starts a line (the second
 * of `a = 1; b = 2` does not). Comments and syntax errors between statements
 * belong to the statement before them; the first unit runs from line 0 over
 * the first statement, which holds the module's docstring.
 */
function unitStartLines(model: PythonModel): number[] {
  const { document } = model;
  const starts = [0];
  let first = true;
  for (let child = model.tree.topNode.firstChild; child; child = child.nextSibling) {
    if (child.name === 'Comment' || child.type.isError) continue;
    if (first) {
      first = false;
      continue;
    }
    const { line, character } = document.positionAt(child.from);
    if (character === 0 && line > starts[starts.length - 1]!) starts.push(line);
  }
  return starts;
}

/**
 * What the local rules read beyond a statement: the line break and indent
 * unit fixes insert (PL301), `__all__` (who is public: PL301, PL302), the
 * module's functions with `@overload` signatures (PL302 skips their
 * implementations), whether the module is a script (PL303) and the logger a
 * print → logging fix calls and creates (PL303). The module docstring is
 * read by findings that lie in the first statement, so it need not be here.
 */
function factsKey(model: PythonModel): string {
  const facts = moduleFacts(model);
  return JSON.stringify([
    model.document.eol,
    indentUnit(model.text),
    facts.dunderAll ? [...facts.dunderAll] : null,
    [...facts.overloadedFunctions],
    facts.mainBlocks.length > 0,
    loggerSetup(model, facts),
  ]);
}

/** Whether a span overlaps [from, to); an empty span counts where it lies. */
function overlaps(span: TextSpan, from: number, to: number): boolean {
  return span.from === span.to ? span.from >= from && span.from < to : span.from < to && span.to > from;
}

/** The index of the first span of `spans` (disjoint, in order) that ends at or after `from`, by a binary search: a module has hundreds. */
function firstEndingFrom(spans: readonly TextSpan[], from: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid]!.to < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether every span of `spans` (disjoint, in order) that overlaps [from, to) passes `test`. */
function everyOverlapping<S extends TextSpan>(spans: readonly S[], from: number, to: number, test: (span: S) => boolean): boolean {
  for (let index = firstEndingFrom(spans, from); index < spans.length && spans[index]!.from <= to; index++) {
    if (overlaps(spans[index]!, from, to) && !test(spans[index]!)) return false;
  }
  return true;
}

/** The outermost of spans listed parents first (a parent before the spans inside it): disjoint, in order. */
function outermost(spans: readonly TextSpan[]): TextSpan[] {
  const kept: TextSpan[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (!last || span.from >= last.to) kept.push(span);
  }
  return kept;
}

/**
 * Same text need not parse the same: an error before a statement can leave
 * the parser's indentation context different there, and a module with
 * something Python's tokenizer rejects is re-checked whole. A stretch parses as
 * before when the new tree holds, there, only subtrees of the previous one,
 * all from the same distance.
 */
function sameParse(before: PythonModel, after: PythonModel): (from: number, to: number, offset: number) => boolean {
  if (before.tree === after.tree) return () => true;
  // What Python's tokenizer rejects makes the rest of the file one error: where it starts, and so what it covers, moves with any edit.
  if (before.rejectedAt !== undefined || after.rejectedAt !== undefined) return () => false;
  const compared = comparedParses(before.tree, after.tree);
  const fresh = outermost(compared.fresh);
  const { reused } = compared;
  return (from, to, offset) => everyOverlapping(fresh, from, to, () => false) && everyOverlapping(reused, from, to, (span) => span.offset === offset);
}

export const pythonPartition: UnitPartition<PythonModel> = {
  unitStartLines,
  factsKey,
  sameParse,
  scoped: scopedPythonModel,
};
