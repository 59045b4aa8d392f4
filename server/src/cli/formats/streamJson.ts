/** Marks in a skeleton where `jsonWithStreamedArray` streams its array; the NULs keep it out of real paths and messages. */
export const STREAMED_ARRAY = '\u0000plumbline:streamed-array\u0000';

const ENCODED_PLACEHOLDER = JSON.stringify(STREAMED_ARRAY);

/**
 * `JSON.stringify(whole, null, 2)` and a newline, in pieces, where `whole` is
 * `skeleton` with `items.map(toJson)` in place of STREAMED_ARRAY (which it
 * holds once). A report's big array is thus never one string, nor its output
 * objects all alive at once: each is made, printed and let go in turn.
 */
export function* jsonWithStreamedArray<T>(skeleton: object, items: Iterable<T>, toJson: (item: T) => unknown = (item) => item): Generator<string> {
  const text = JSON.stringify(skeleton, null, 2);
  const at = text.indexOf(ENCODED_PLACEHOLDER);
  if (at < 0 || text.indexOf(ENCODED_PLACEHOLDER, at + 1) >= 0) {
    throw new Error('jsonWithStreamedArray: the skeleton must hold STREAMED_ARRAY exactly once');
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const itemIndent = `\n${indent}  `;
  yield text.slice(0, at);
  let first = true;
  for (const item of items) {
    // Raw newlines in JSON text are only indentation (strings escape theirs), so this re-indents safely;
    // undefined prints as null, as in an array.
    const json = (JSON.stringify(toJson(item), null, 2) ?? 'null').replaceAll('\n', itemIndent);
    yield `${first ? '[' : ','}${itemIndent}${json}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
  yield `${text.slice(at + ENCODED_PLACEHOLDER.length)}\n`;
}
