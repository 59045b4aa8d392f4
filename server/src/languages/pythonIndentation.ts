/**
 * Indentation that Python rejects but @lezer/python parses without an error
 * node: a line indented deeper than the one before when that one opened no
 * block ("unexpected indent"), tabs and spaces mixed so that the meaning
 * depends on the tab size (TabError), and a dedent to a column no enclosing
 * block started at. Lezer then closes or opens blocks where Python would not
 * compile at all, so the definitions after that line lose their bodies and
 * docstrings in its tree (the fuzzer found PL301 reporting, and its fix not
 * removing, a missing docstring that was there).
 */

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
const BACKSLASH = 92;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

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

/** The offset after a string whose quote (one or three of `quote`) opens at `at`; a one-line string left open ends at its line's end. */
function endOfString(text: string, at: number, quote: number): number {
  const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  for (let i = at + (triple ? 3 : 1); i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) return i + (triple ? 3 : 1);
    else if (!triple && isLineEnd(code)) return i;
  }
  return text.length;
}

/**
 * Where logical lines start, as Python's tokenizer finds them (not inside
 * brackets, a string or after a backslash continuation, and not blank or a
 * comment alone), their indentation, and whether the logical line before
 * ended with a colon, opening a block.
 */
function* logicalLines(text: string): Generator<{ start: number; indent: Indent; afterColon: boolean }> {
  let depth = 0;
  let continued = false;
  /** The last code of code seen (not blank, not in a comment); a string counts as its quote. */
  let last = 0;
  for (let at = 0; at < text.length;) {
    // At the start of a physical line.
    const { indent, end } = indentOf(text, at);
    const first = text.charCodeAt(end);
    const blank = end >= text.length || isLineEnd(first) || first === HASH;
    if (depth === 0 && !continued && !blank) yield { start: at, indent, afterColon: last === COLON };
    continued = false;
    // The rest of the line, and of any string that runs past it.
    for (at = end; at < text.length;) {
      const code = text.charCodeAt(at);
      if (isLineEnd(code)) {
        at += code === CARRIAGE_RETURN && text.charCodeAt(at + 1) === LINE_FEED ? 2 : 1;
        break;
      }
      if (code === HASH) {
        while (at < text.length && !isLineEnd(text.charCodeAt(at))) at++;
      } else if (code === BACKSLASH && isLineEnd(text.charCodeAt(at + 1))) {
        continued = true;
        at++;
      } else if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        at = endOfString(text, at, code);
        last = code;
      } else {
        if (code === OPEN_PAREN || code === OPEN_BRACKET || code === OPEN_BRACE) depth++;
        else if ((code === CLOSE_PAREN || code === CLOSE_BRACKET || code === CLOSE_BRACE) && depth > 0) depth--;
        if (code !== SPACE && code !== TAB && code !== FORM_FEED) last = code;
        at++;
      }
    }
  }
}

/**
 * The offset of the first line whose indentation Python rejects; undefined
 * when there is none. Python compares each indentation twice, with tabs to
 * the next multiple of 8 and with tabs as one column, and both must agree.
 */
export function firstIndentationError(text: string): number | undefined {
  const blocks: Indent[] = [{ wide: 0, narrow: 0 }];
  for (const { start, indent, afterColon } of logicalLines(text)) {
    let top = blocks[blocks.length - 1]!;
    if (indent.wide > top.wide) {
      if (!afterColon || indent.narrow <= top.narrow) return start;
      blocks.push(indent);
      continue;
    }
    while (indent.wide < top.wide) {
      blocks.pop();
      top = blocks[blocks.length - 1]!;
    }
    if (indent.wide !== top.wide || indent.narrow !== top.narrow) return start;
  }
  return undefined;
}
