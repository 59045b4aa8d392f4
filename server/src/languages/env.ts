import type { SourceDocument } from '../engine/sourceDocument';

/** One `NAME=value` line of an env file; offsets are offsets into the document. */
export interface EnvEntry {
  name: string;
  nameFrom: number;
  nameTo: number;
  /** The value as Compose reads it: quotes removed, an unquoted value's ` # comment` dropped. */
  value: string;
  /** Where that value is in the text (inside the quotes, when quoted). */
  valueFrom: number;
  valueTo: number;
}

export interface EnvModel {
  entries: EnvEntry[];
}

const ASSIGNMENT = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

/** Where the quote that closes a quoted value is, or -1; a backslash escapes the character after it, as in Compose. */
function closingQuote(text: string, quote: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === quote) return at;
  }
  return -1;
}

/**
 * The assignments of a dotenv file as Docker Compose reads it: a leading BOM
 * skipped, `NAME=value`, an optional `export `, `#` comment lines, `'…'` and
 * `"…"` values (which may span lines, and hold their quote escaped as `\"`)
 * and ` # comments` after unquoted values (a `#` right after `=` is part of
 * the value). Lines without `=` (`NAME` alone, passed through from the
 * shell) carry no value.
 */
export function parseEnv(document: SourceDocument): EnvModel {
  const { text } = document;
  const entries: EnvEntry[] = [];
  let lineStart = text.startsWith('\uFEFF') ? 1 : 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const match = ASSIGNMENT.exec(text.slice(lineStart, lineEnd));
    if (match) {
      const nameFrom = lineStart + match[1]!.length;
      const valueStart = lineStart + match[0].length;
      const quote = text[valueStart];
      let valueFrom = valueStart;
      let valueTo: number;
      let value: string;
      if (quote === '"' || quote === "'") {
        valueFrom = valueStart + 1;
        const close = closingQuote(text, quote, valueFrom);
        valueTo = close === -1 ? lineEnd : close;
        if (close > lineEnd) {
          // A quoted value may span lines; the next entry starts after the line that closes it.
          const next = text.indexOf('\n', close);
          lineEnd = next === -1 ? text.length : next;
        }
        value = text.slice(valueFrom, valueTo).replaceAll(`\\${quote}`, quote);
      } else {
        const rest = text.slice(valueStart, lineEnd);
        const afterBlank = match[0].endsWith(' ') || match[0].endsWith('\t');
        const comment = (afterBlank ? /(?:^|[ \t])#/ : /[ \t]#/).exec(rest);
        valueTo = valueStart + (comment ? comment.index : rest.length);
        while (valueTo > valueStart && /\s/.test(text[valueTo - 1]!)) valueTo--;
        value = text.slice(valueFrom, valueTo);
      }
      entries.push({ name: match[2]!, nameFrom, nameTo: nameFrom + match[2]!.length, value, valueFrom, valueTo });
    }
    lineStart = lineEnd + 1;
  }
  return { entries };
}
