import { isScalar, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../../engine/types';
import type { ComposeModel } from '../../../languages/compose';

/**
 * One line of a YAML block to insert: its depth below the map it is
 * inserted into and its text (`key: value` or `key:`).
 */
export interface BlockLine {
  depth: number;
  text: string;
}

/**
 * Inserts lines as the last entries of a block mapping, at the mapping's
 * own indentation (nested lines one file-indentation unit deeper each).
 * Comments, quoting and the other keys stay as they are. Undefined for flow
 * mappings (`{ … }`) and empty ones, whose layout cannot be inferred.
 */
export function appendToBlockMap(model: ComposeModel, map: YAMLMap, lines: readonly BlockLine[]): TextEdit | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const document = model.document;
  const firstKey = map.items[0]!.key;
  if (!isScalar(firstKey) || !firstKey.range) return undefined;
  const indent = document.positionAt(firstKey.range[0]).character;
  let end = 0;
  for (const pair of map.items) {
    const node = (pair.value ?? pair.key) as { range?: [number, number, number] } | null;
    if (node?.range) end = Math.max(end, node.range[1]);
  }
  const endPosition = document.positionAt(end);
  const eol = document.eol;
  const text = lines.map((line) => ' '.repeat(indent + line.depth * model.indentUnit) + line.text);
  const insertLine = endPosition.character === 0 && end > 0 ? endPosition.line : endPosition.line + 1;
  if (insertLine >= document.lineCount) {
    // The map ends on the last line, which has no line break yet.
    const atEnd = document.positionAt(document.text.length);
    return { range: { start: atEnd, end: atEnd }, newText: eol + text.join(eol) };
  }
  const position = { line: insertLine, character: 0 };
  return { range: { start: position, end: position }, newText: text.join(eol) + eol };
}

/** The quote the file uses most for string values, so inserted values match it. */
function preferredQuote(model: ComposeModel): '"' | "'" {
  return model.document.deriveFor(model, preferredQuote, () => {
    const text = model.document.text;
    const double = (text.match(/[:-]\s+"/g) ?? []).length;
    const single = (text.match(/[:-]\s+'/g) ?? []).length;
    return single > double ? "'" : '"';
  });
}

export function quoted(model: ComposeModel, value: string): string {
  const quote = preferredQuote(model);
  return quote === "'" ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}
