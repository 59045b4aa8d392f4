/**
 * Incremental linting of an edited buffer. A file kind that can split its
 * documents into units (Python: its top-level statements) lets rules whose
 * findings are local to a unit (`meta.localTo`) re-check only the units an
 * edit touched: the findings of every other unit are those of the previous
 * lint, moved by the lines the edit added or removed, as long as nothing a
 * unit's findings read outside the unit (the module's facts, the
 * configuration) changed. The result is the same as a full lint's; the
 * random-edit tests hold it to that.
 */
import type { TextSpan } from '../languages/python';
import { lastIndexAtMost } from './sortedSearch';
import { setNewest } from './maps';
import { changedSpan } from './textChange';
import type { ResolvedConfig } from './config';
import type { SourceDocument } from './sourceDocument';
import type { Diagnostic, Position, Range } from './types';

/** How a kind of document splits into units for rules with local findings. */
export interface UnitPartition<P> {
  /**
   * The first line of each unit, ascending, the first one 0: a unit runs to
   * the next one's first line, so every line is in exactly one unit.
   */
  unitStartLines(parsed: P): number[];
  /** Everything outside its unit that a local finding depends on: equal keys let unchanged units keep their findings. */
  factsKey(parsed: P): string;
  /** The parse as the rules see it when they re-check only `spans` (whole units). */
  scoped(parsed: P, spans: readonly TextSpan[]): P;
  /** Tells whether the text [from, to) of `after` parsed as [from + offset, to + offset) of `before` did. */
  sameParse(before: P, after: P): (from: number, to: number, offset: number) => boolean;
}

interface UnitFindings {
  /** Findings per rule code, in the order the rule reported them. */
  byRule: Map<string, Diagnostic[]>;
  /** The ranges of these findings and their fixes outside the unit's own lines (a fix that adds an import at the top). */
  outside: Range[];
}

interface LintState {
  document: SourceDocument;
  parsed: unknown;
  config: ResolvedConfig;
  relativePath: string;
  factsKey: string;
  unitStarts: number[];
  units: UnitFindings[];
}

/** The buffers an editor has open at once, as the parse cache keeps them. */
const STATE_LIMIT = 16;

/** Line ranges [start, end) of each unit. */
function unitEnd(starts: readonly number[], index: number, lineCount: number): number {
  return starts[index + 1] ?? lineCount;
}

/** The index of the unit that holds a line. */
function unitOf(starts: readonly number[], line: number): number {
  return Math.max(0, lastIndexAtMost(starts, line));
}

function emptyUnit(): UnitFindings {
  return { byRule: new Map(), outside: [] };
}

/** Whether a unit has no findings: then it has nothing to move either, and most units of a module are so. */
function isEmpty(unit: UnitFindings): boolean {
  for (const found of unit.byRule.values()) if (found.length > 0) return false;
  return true;
}

function* rangesOf(diagnostic: Diagnostic): Generator<Range> {
  yield diagnostic.range;
  for (const fix of diagnostic.fixes ?? []) for (const edit of fix.edits) yield edit.range;
}

function shiftPosition(position: Position, lines: number): Position {
  return { line: position.line + lines, character: position.character };
}

function shiftRange(range: Range, lines: number): Range {
  return { start: shiftPosition(range.start, lines), end: shiftPosition(range.end, lines) };
}

/**
 * A finding whose ranges after the edited lines move `lines` lines down;
 * each of its ranges lies wholly before or wholly after them (checked before
 * reuse). Fixes that change other files keep their places.
 */
function shiftDiagnostic(diagnostic: Diagnostic, lines: number, editedTo: number): Diagnostic {
  const move = (range: Range) => (range.start.line >= editedTo ? shiftRange(range, lines) : range);
  const shifted: Diagnostic = Object.assign({}, diagnostic, { range: move(diagnostic.range) });
  if (diagnostic.fixes) {
    shifted.fixes = diagnostic.fixes.map((fix) =>
      Object.assign({}, fix, { edits: fix.edits.map((edit) => ({ range: move(edit.range), newText: edit.newText })) }),
    );
  }
  return shifted;
}

/**
 * One lint of one document: which units to re-check, and the findings of
 * every unit once the local rules have run. Nothing is remembered until
 * `commit`, so a cancelled lint or a rule that threw leaves no half state.
 */
export class IncrementalRun<P> {
  private readonly units: UnitFindings[];
  /** Indexes of the units the local rules re-check. */
  private readonly dirty: ReadonlySet<number>;
  readonly scopedParse: P;

  constructor(
    private readonly owner: IncrementalLints,
    private readonly state: LintState,
    reused: Array<UnitFindings | undefined>,
    parsed: P,
    partition: UnitPartition<P>,
  ) {
    this.units = reused.map((unit) => unit ?? emptyUnit());
    const dirty = new Set<number>();
    reused.forEach((unit, index) => {
      if (!unit) dirty.add(index);
    });
    this.dirty = dirty;
    const everything = this.dirty.size === reused.length;
    this.scopedParse = everything ? parsed : partition.scoped(parsed, this.spans());
  }

  /** Whether the run re-checks the whole document (no previous lint to build on, or its facts changed). */
  get isFull(): boolean {
    return this.dirty.size === this.units.length;
  }

  /**
   * A local rule's findings for the whole document: what it just reported
   * in the re-checked units, and the earlier findings of the others.
   */
  merge(code: string, reported: readonly Diagnostic[]): Diagnostic[] {
    const starts = this.state.unitStarts;
    const fresh = new Map<number, Diagnostic[]>();
    for (const diagnostic of reported) {
      const index = unitOf(starts, diagnostic.range.start.line);
      // A re-check of some units may still report about others (a module's docstring): those keep their findings.
      if (!this.dirty.has(index)) continue;
      const list = fresh.get(index);
      if (list) list.push(diagnostic);
      else fresh.set(index, [diagnostic]);
    }
    const merged: Diagnostic[] = [];
    this.units.forEach((unit, index) => {
      if (this.dirty.has(index)) {
        const found = fresh.get(index) ?? [];
        unit.byRule.set(code, found);
        const first = starts[index]!;
        const end = unitEnd(starts, index, this.state.document.lineCount);
        for (const diagnostic of found) {
          for (const range of rangesOf(diagnostic)) if (range.start.line < first || range.end.line >= end) unit.outside.push(range);
        }
      }
      const found = unit.byRule.get(code);
      if (found) merged.push(...found);
    });
    return merged;
  }

  /** Keeps this lint's findings for the next edit of the document. */
  commit(): void {
    this.owner.remember({ ...this.state, units: this.units });
  }

  private spans(): TextSpan[] {
    const { document, unitStarts } = this.state;
    const spans: TextSpan[] = [];
    for (const index of [...this.dirty].sort((a, b) => a - b)) {
      const from = document.offsetAt({ line: unitStarts[index]!, character: 0 });
      const endLine = unitEnd(unitStarts, index, document.lineCount);
      const to = endLine >= document.lineCount ? document.text.length : document.offsetAt({ line: endLine, character: 0 });
      const last = spans[spans.length - 1];
      if (last && last.to === from) last.to = to;
      else spans.push({ from, to });
    }
    return spans;
  }
}

/** The previous lint of each open buffer, and the planning of the next one from it. */
export class IncrementalLints {
  private readonly byPath = new Map<string, LintState>();

  /**
   * Plans the lint of an editor buffer: `undefined` for text read from disk
   * (linted once, nothing to build on).
   */
  begin<P>(document: SourceDocument, config: ResolvedConfig, relativePath: string, parsed: P, partition: UnitPartition<P>): IncrementalRun<P> | undefined {
    if (document.version === undefined) return undefined;
    const state: LintState = {
      document,
      parsed,
      config,
      relativePath,
      factsKey: partition.factsKey(parsed),
      unitStarts: partition.unitStartLines(parsed),
      units: [],
    };
    const previous = this.byPath.get(document.path);
    const reusable = previous && previous.config === config && previous.relativePath === relativePath && previous.factsKey === state.factsKey;
    const reused = reusable ? reusedUnits(previous, state, partition.sameParse(previous.parsed as P, parsed)) : state.unitStarts.map(() => undefined);
    return new IncrementalRun(this, state, reused, parsed, partition);
  }

  forget(filePath: string): void {
    this.byPath.delete(filePath);
  }

  remember(state: LintState): void {
    setNewest(this.byPath, state.document.path, state, STATE_LIMIT);
  }
}

/**
 * The previous findings of each unit the edit left alone (undefined for the
 * units to re-check). A unit is left alone when its lines are the same text
 * with the same bounds as before and its neighbours are too (a statement's
 * parse can depend on where the next one starts), and when none of its
 * findings or fixes reach into the lines the edit changed.
 */
function reusedUnits(previous: LintState, next: LintState, sameParse: (from: number, to: number, offset: number) => boolean): Array<UnitFindings | undefined> {
  const before = previous.document;
  const after = next.document;
  const span = changedSpan(before.text, after.text);
  const lineDelta = after.lineCount - before.lineCount;
  // Lines [0, samePrefix) are the same text in both; so are lines from sameSuffix (after) on.
  const samePrefix = after.positionAt(span.fromB).line;
  const sameSuffix = span.toB >= after.text.length ? after.lineCount : after.positionAt(span.toB).line + 1;
  // Whether the previous lint had a unit of lines [start, end).
  const wasUnit = (start: number, end: number) => {
    const index = unitOf(previous.unitStarts, start);
    return previous.unitStarts[index] === start && unitEnd(previous.unitStarts, index, before.lineCount) === end;
  };
  const starts = next.unitStarts;
  const offsetOf = (document: SourceDocument, line: number) => (line >= document.lineCount ? document.text.length : document.offsetAt({ line, character: 0 }));
  const parsedAsBefore = (start: number, end: number, oldStart: number) => {
    const from = offsetOf(after, start);
    return sameParse(from, offsetOf(after, end), offsetOf(before, oldStart) - from);
  };
  const unchanged = starts.map((start, index) => {
    const end = unitEnd(starts, index, after.lineCount);
    const oldStart = end <= samePrefix ? start : start >= sameSuffix ? start - lineDelta : undefined;
    if (oldStart === undefined || !wasUnit(oldStart, end - start + oldStart)) return undefined;
    return parsedAsBefore(start, end, oldStart) ? oldStart : undefined;
  });
  const firstChanged = unchanged.indexOf(undefined);
  if (firstChanged === -1) return unchanged.map((start) => previous.units[unitOf(previous.unitStarts, start!)]);
  // The units next to the edit are re-checked too; so is everything between the first and last changed unit.
  const firstDirty = Math.max(0, firstChanged - 1);
  const lastDirty = Math.min(starts.length - 1, unchanged.lastIndexOf(undefined) + 1);
  // In the previous text, lines [editedFrom, editedTo) are those of the re-checked units.
  const editedFrom = starts[firstDirty]!;
  const editedTo = unitEnd(starts, lastDirty, after.lineCount) - lineDelta;
  const untouched = (range: Range) => range.end.line < editedFrom || range.start.line >= editedTo;
  return unchanged.map((oldStart, index) => {
    if (oldStart === undefined || (index >= firstDirty && index <= lastDirty)) return undefined;
    const unit = previous.units[unitOf(previous.unitStarts, oldStart)];
    if (!unit || !unit.outside.every(untouched)) return undefined;
    if (lineDelta === 0 || isEmpty(unit)) return unit;
    const byRule = new Map([...unit.byRule].map(([code, found]) => [code, found.map((d) => shiftDiagnostic(d, lineDelta, editedTo))] as const));
    const outside = unit.outside.map((range) => (range.start.line >= editedTo ? shiftRange(range, lineDelta) : range));
    return { byRule, outside };
  });
}
