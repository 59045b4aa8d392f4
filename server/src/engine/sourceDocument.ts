import { DerivedValues } from './derived';
import type { Position, Range } from './types';

/**
 * A document as the engine sees it: an absolute path, its text, and fast
 * conversion between offsets and line/column positions.
 */
export class SourceDocument {
  private lineStarts: Uint32Array | undefined;
  /**
   * What was computed from this text (its parse), kept in the document rather
   * than a WeakMap keyed by it: a large parse held only through a WeakMap's
   * ephemeron survives young-generation collections and makes each lint pay
   * for a major one.
   */
  private readonly derived = new DerivedValues();

  constructor(
    /** Absolute file-system path, `/`-separated on every platform. */
    readonly path: string,
    readonly text: string,
    /** Editor version when the text comes from an open buffer. */
    readonly version?: number,
  ) {}

  get lineCount(): number {
    return this.getLineStarts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.getLineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between the CR and LF of a line break is still the end of the line's text.
    return { line: low, character: Math.min(clamped, this.lineEndOffset(low)) - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.getLineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    const lineEnd = this.lineEndOffset(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  /** The range between two offsets, widened to whole characters where an end falls inside a surrogate pair. */
  rangeOf(startOffset: number, endOffset: number): Range {
    const start = this.splitsSurrogatePair(startOffset) ? startOffset - 1 : startOffset;
    const end = Math.max(start, this.splitsSurrogatePair(endOffset) ? endOffset + 1 : endOffset);
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Whether an offset falls between the two halves of a character outside the Basic Multilingual Plane. */
  splitsSurrogatePair(offset: number): boolean {
    const before = this.text.charCodeAt(offset - 1);
    const after = this.text.charCodeAt(offset);
    return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    if (line < 0 || line >= starts.length) return '';
    return this.text.slice(starts[line], this.lineEndOffset(line));
  }

  /** The range covering a whole line's text (not its line break). */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineText(line).length } };
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** `compute()` once per document and key; later calls return the same value. */
  derive<T>(key: unknown, compute: () => T): T {
    return this.derived.get(key, compute);
  }

  /** `compute()` once per key and object of this document's parse (a YAML map, a service, a definition). */
  deriveFor<T>(owner: object, key: unknown, compute: () => T): T {
    return this.derived.getFor(owner, key, compute);
  }

  /** The document's line break (its first one), so inserted text matches it: a file with CR line ends gets CR. */
  get eol(): '\n' | '\r\n' | '\r' {
    const firstBreak = this.text.search(/[\r\n]/);
    if (firstBreak < 0 || this.text[firstBreak] === '\n') return '\n';
    return this.text[firstBreak + 1] === '\n' ? '\r\n' : '\r';
  }

  private lineEndOffset(line: number): number {
    const starts = this.getLineStarts();
    let end = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    if (end > starts[line]! && this.text[end - 1] === '\n') end--;
    if (end > starts[line]! && this.text[end - 1] === '\r') end--;
    return end;
  }

  private getLineStarts(): Uint32Array {
    this.lineStarts ??= lineStartsOf(this.text);
    return this.lineStarts;
  }
}

/**
 * Offsets where lines start: after `\n`, `\r\n` and a lone `\r`. Breaks are
 * found with indexOf, a native scan several times faster than reading every
 * character, and stored in a typed array grown by doubling: each keystroke
 * in a large file builds these anew, and a plain array growing one push at
 * a time cost several times the memory.
 */
function lineStartsOf(text: string): Uint32Array {
  // About one line per 32 characters in code; the array doubles when that is too few.
  let starts = new Uint32Array(16 + (text.length >> 5));
  let count = 1;
  const add = (start: number) => {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = start;
  };
  let lineFeed = text.indexOf('\n');
  let carriageReturn = text.indexOf('\r');
  while (lineFeed !== -1 || carriageReturn !== -1) {
    if (carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed)) {
      if (carriageReturn + 1 !== lineFeed) add(carriageReturn + 1);
      carriageReturn = text.indexOf('\r', carriageReturn + 1);
    } else {
      add(lineFeed + 1);
      lineFeed = text.indexOf('\n', lineFeed + 1);
    }
  }
  return starts.subarray(0, count);
}
