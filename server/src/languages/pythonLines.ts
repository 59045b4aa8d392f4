/**
 * Python's logical lines, read as its tokenizer reads them, for three things
 * @lezer/python does not give:
 *
 * - Indentation that Python rejects but lezer parses without an error
 *   node: a line indented deeper than the one before when that one opened no
 *   block ("unexpected indent"), tabs and spaces mixed so that the meaning
 *   depends on the tab size (TabError), a dedent to a column no enclosing
 *   block started at, and blocks nested 100 deep. Lezer then closes or opens
 *   blocks where Python would not compile at all, so the definitions after
 *   that line lose their bodies and docstrings in its tree (the fuzzer found
 *   PL301 reporting, and its fix not removing, a missing docstring that was
 *   there). Nested hundreds deep, its tree was also deeper than the error
 *   walk of an editor buffer could recurse.
 * - Brackets nested deeper than Python's tokenizer allows. Lezer builds and
 *   copies its tree recursively, one call per level, so a few thousand open
 *   braces overflowed the stack (the fuzzer found every PL3xx rule failing on
 *   4,000 of them, or not, as the JIT had shrunk lezer's frames or not).
 * - Where each top-level statement starts, so that a module is parsed one
 *   statement group at a time (see python.ts).
 */

import { lastIndexAtMost } from '../engine/sortedSearch';
import type { TextChange } from '../engine/textChange';

/** The columns of a line's indentation with tabs to the next multiple of 8, and with tabs as one column, as Python compares them. */
interface Indent {
  wide: number;
  narrow: number;
}

const TAB = 9;
const LINE_FEED = 10;
const FORM_FEED = 12;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const COLON = 58;
const AT_SIGN = 64;
const BACKSLASH = 92;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** How deep brackets may nest: CPython's tokenizer stops at the 201st ("too many nested parentheses"). */
const MAX_BRACKET_DEPTH = 200;
/** How many indentation levels, the module's own included, may be open: CPython's tokenizer stops at the next ("too many levels of indentation"). */
const MAX_INDENTATION_LEVELS = 100;

function isLineEnd(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN;
}

function indentOf(text: string, from: number): { indent: Indent; end: number } {
  let wide = 0;
  let narrow = 0;
  let at = from;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      wide++;
      narrow++;
    } else if (code === TAB) {
      wide = (Math.floor(wide / 8) + 1) * 8;
      narrow++;
    } else if (code === FORM_FEED) {
      wide = 0;
      narrow = 0;
    } else break;
  }
  return { indent: { wide, narrow }, end: at };
}

/** What ends a plain stretch of a string: its quote, a backslash, a line end. */
const STRING_STOPS: Readonly<Record<number, RegExp>> = { [SINGLE_QUOTE]: /['\\\r\n]/g, [DOUBLE_QUOTE]: /["\\\r\n]/g };

/** The end of a comment. */
const LINE_END = /[\r\n]/g;

/** What ends a plain stretch of code: a line end, a comment, a backslash, a quote, a bracket. */
const CODE_STOPS = /[\r\n#\\'"()[\]{}]/g;

/** Clauses that continue the compound statement before them, so a group of statements never starts at one. */
const CONTINUING_CLAUSE = /(?:el(?:se|if)|except|finally)\b/y;

/** The offset after a string whose quote (one or three of `quote`) opens at `at`; a one-line string left open ends at its line's end. */
function endOfString(text: string, at: number, quote: number): number {
  const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  const stops = STRING_STOPS[quote]!;
  for (let i = at + (triple ? 3 : 1); i < text.length;) {
    stops.lastIndex = i;
    if (!stops.test(text)) break;
    const stop = stops.lastIndex - 1;
    const code = text.charCodeAt(stop);
    if (code === BACKSLASH) i = stop + 2;
    else if (code !== quote) {
      if (!triple) return stop;
      i = stop + 1;
    } else if (!triple) return stop + 1;
    else if (text.charCodeAt(stop + 1) === quote && text.charCodeAt(stop + 2) === quote) return stop + 3;
    else i = stop + 1;
  }
  return text.length;
}

/** The last character in [from, to) that is not blank, or `last` when there is none. */
function lastCode(text: string, from: number, to: number, last: number): number {
  for (let i = to - 1; i >= from; i--) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== TAB && code !== FORM_FEED) return code;
  }
  return last;
}

/**
 * Whether a logical line's indentation is one Python accepts after the
 * blocks open so far (`blocks`, which it updates). Python compares each
 * indentation twice, with tabs to the next multiple of 8 and with tabs as
 * one column, and both must agree.
 */
function acceptsIndent(blocks: Indent[], indent: Indent, afterColon: boolean): boolean {
  let top = blocks[blocks.length - 1]!;
  if (indent.wide > top.wide) {
    if (!afterColon || indent.narrow <= top.narrow || blocks.length >= MAX_INDENTATION_LEVELS) return false;
    blocks.push(indent);
    return true;
  }
  while (indent.wide < top.wide) {
    blocks.pop();
    top = blocks[blocks.length - 1]!;
  }
  return indent.wide === top.wide && indent.narrow === top.narrow;
}

export interface LogicalLineScan {
  /**
   * Where each group of top-level statements starts, the first at 0: a
   * statement at column 0 starts a group unless it continues the one before
   * (`else:`, `except:` …, a decorated definition, or after a line that
   * opened a block). A group parses the same alone as within the module.
   */
  groupStarts: number[];
  /**
   * For each group, the offset of the first thing in it Python's tokenizer
   * rejects, or -1: the start of a line whose indentation it rejects, or a
   * bracket nested too deep. Each group is judged alone: it starts at
   * column 0 outside any bracket, which closes every block, so what came
   * before it cannot change the verdict.
   */
  groupRejections: number[];
  /** The offset of the first thing Python's tokenizer rejects; undefined when there is none. */
  rejectedAt: number | undefined;
}

/**
 * One pass over the logical lines, as Python's tokenizer finds them (not
 * inside brackets, a string or after a backslash continuation, and not
 * blank or a comment alone), from `from`: 0, or a group start. Stops before
 * a group start for which `known` says the rest of the scan is known.
 */
function scanGroups(text: string, from: number, known: (groupStart: number) => boolean): { starts: number[]; errors: number[]; stoppedAt?: number } {
  const blocks: Indent[] = [{ wide: 0, narrow: 0 }];
  const starts: number[] = [];
  const errors: number[] = [];
  let depth = 0;
  let continued = false;
  let seenStatement = from > 0;
  let afterDecorator = false;
  /** The last character of code seen (not blank, not in a comment); a string counts as its quote. */
  let last = 0;
  if (from === 0) {
    starts.push(0);
    errors.push(-1);
  }
  for (let at = from; at < text.length;) {
    // At the start of a physical line.
    const { indent, end } = indentOf(text, at);
    const first = text.charCodeAt(end);
    const blank = end >= text.length || isLineEnd(first) || first === HASH;
    if (depth === 0 && !continued && !blank) {
      const afterColon = last === COLON;
      CONTINUING_CLAUSE.lastIndex = end;
      if (seenStatement && end === at && !afterColon && !afterDecorator && !CONTINUING_CLAUSE.test(text)) {
        if (known(at)) return { starts, errors, stoppedAt: at };
        starts.push(at);
        errors.push(-1);
      }
      if (!acceptsIndent(blocks, indent, afterColon) && errors[errors.length - 1] === -1) errors[errors.length - 1] = at;
      seenStatement = true;
      afterDecorator = first === AT_SIGN;
    }
    continued = false;
    // The rest of the line, and of any string that runs past it.
    for (at = end; at < text.length;) {
      CODE_STOPS.lastIndex = at;
      const stop = CODE_STOPS.test(text) ? CODE_STOPS.lastIndex - 1 : text.length;
      last = lastCode(text, at, stop, last);
      at = stop;
      if (at >= text.length) break;
      const code = text.charCodeAt(at);
      if (isLineEnd(code)) {
        at += code === CARRIAGE_RETURN && text.charCodeAt(at + 1) === LINE_FEED ? 2 : 1;
        break;
      }
      if (code === HASH) {
        LINE_END.lastIndex = at;
        at = LINE_END.test(text) ? LINE_END.lastIndex - 1 : text.length;
      } else if (code === BACKSLASH && isLineEnd(text.charCodeAt(at + 1))) {
        continued = true;
        at++;
      } else if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        at = endOfString(text, at, code);
        last = code;
      } else {
        if (code === OPEN_PAREN || code === OPEN_BRACKET || code === OPEN_BRACE) {
          if (++depth > MAX_BRACKET_DEPTH && errors[errors.length - 1] === -1) errors[errors.length - 1] = at;
        } else if ((code === CLOSE_PAREN || code === CLOSE_BRACKET || code === CLOSE_BRACE) && depth > 0) depth--;
        last = code;
        at++;
      }
    }
  }
  return { starts, errors };
}

/**
 * Whether a group starts at a line is decided by the text before the line
 * and the line's first few characters (`finally` and the one after), so a
 * resumed scan starts at a group that starts this far before an edit or more.
 */
const RESUME_MARGIN = 16;

/**
 * The logical-line scan of `text`. Given the scan of a previous version and
 * the change since, only the groups around the change are scanned again:
 * the scan resumes at a group start before the change and stops at the
 * first group start after it that the previous scan had too (from a group
 * start on, the scan depends only on the text that follows).
 */
export function scanLogicalLines(text: string, since?: { scan: LogicalLineScan; change: TextChange }): LogicalLineScan {
  if (!since) {
    const { starts, errors } = scanGroups(text, 0, () => false);
    return withFirstError(starts, errors);
  }
  const { scan, change } = since;
  const shift = change.toB - change.fromB - (change.toA - change.fromA);
  const resumeIndex = Math.max(0, lastIndexAtMost(scan.groupStarts, change.fromA - RESUME_MARGIN));
  const resumeAt = scan.groupStarts[resumeIndex]!;
  const isPreviousStart = (offset: number) => {
    const index = lastIndexAtMost(scan.groupStarts, offset);
    return index >= 0 && scan.groupStarts[index] === offset;
  };
  const rescanned = scanGroups(text, resumeAt, (groupStart) => groupStart >= change.toB && isPreviousStart(groupStart - shift));
  const starts = [...scan.groupStarts.slice(0, resumeIndex), ...rescanned.starts];
  const errors = [...scan.groupRejections.slice(0, resumeIndex), ...rescanned.errors];
  if (rescanned.stoppedAt !== undefined) {
    const from = lastIndexAtMost(scan.groupStarts, rescanned.stoppedAt - shift);
    for (let index = from; index < scan.groupStarts.length; index++) {
      const error = scan.groupRejections[index]!;
      starts.push(scan.groupStarts[index]! + shift);
      errors.push(error < 0 ? error : error + shift);
    }
  }
  return withFirstError(starts, errors);
}

function withFirstError(groupStarts: number[], groupRejections: number[]): LogicalLineScan {
  const first = groupRejections.find((error) => error >= 0);
  return { groupStarts, groupRejections, rejectedAt: first };
}
