/** Indentation and insertion points, for fixes that add Python text. */
import type { SourceDocument } from '../../../engine/sourceDocument';

/** The indentation unit of a file: a tab when its bodies are tab-indented, else four spaces. */
export function indentUnit(text: string): string {
  const match = /:[ \t]*(?:#[^\n]*)?\r?\n([ \t]+)\S/.exec(text);
  if (!match) return '    ';
  return match[1]!.startsWith('\t') ? '\t' : match[1]!.length <= 8 ? match[1]! : '    ';
}

/** The whitespace at the start of the line that holds `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Where module-level text may be inserted first: after a shebang and a PEP 263 encoding line, which must stay on top. */
export function moduleStartOffset(document: SourceDocument): number {
  let line = 0;
  while (line < 2 && /^#!|^[ \t\f]*#.*coding[:=]/.test(document.lineText(line))) line++;
  return document.offsetAt({ line, character: 0 });
}
