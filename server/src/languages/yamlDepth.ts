/**
 * A depth limit for YAML, checked before the `yaml` library sees the text.
 * Its parser and composer recurse once per nesting level; thousands of
 * levels (`- - - …`, `[[[…`) overflow the stack, and when the overflow
 * strikes inside V8's regular-expression compiler the process dies instead
 * of throwing. Hundreds of flow levels also cost seconds. No Compose file or
 * configuration comes near these limits.
 */

/** Flow collections (`[`, `{`) open at once. */
export const MAX_YAML_FLOW_DEPTH = 32;
/**
 * Block nesting, bounded per line by the column where its content starts
 * (after indentation and compact `- `, `? `, `: ` markers) plus the `key: `
 * indicators on it.
 */
export const MAX_YAML_BLOCK_COLUMN = 128;

export interface YamlNestingProblem {
  /** Offset of the line that goes too deep. */
  offset: number;
  message: string;
}

function isBlank(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** How many columns of indentation and compact markers start the line at `start`, counting no further than the limit allows. */
function blockPrefixLength(text: string, start: number): number {
  let i = start;
  while (i - start <= MAX_YAML_BLOCK_COLUMN) {
    const char = text[i];
    if (char === ' ' || char === '\t') i++;
    else if ((char === '-' || char === '?' || char === ':') && isBlank(text[i + 1]) && i + 1 < text.length) i++;
    else break;
  }
  return i - start;
}

/** A line that opens a block scalar: it ends in `|` or `>` (with optional chomping and indentation indicators, and a comment). */
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?$/;

function lineAt(text: string, start: number): string {
  const end = text.slice(start, start + 4096).search(/[\r\n]/);
  return text.slice(start, end < 0 ? start + 4096 : start + end);
}

/** Why a text nests deeper than the limits, with where; undefined for every ordinary file. One linear pass. */
export function yamlNestingProblem(text: string): YamlNestingProblem | undefined {
  let flowDepth = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  /** The line's block depth bound: its prefix, and one more for each `key: ` on it (`a: b: c:` nests too). */
  let lineDepth = 0;
  let lineOffset = 0;
  /** Inside a block scalar (`key: |`), lines indented deeper than its parent are text: their indentation is no nesting. */
  let blockScalarParent = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (lineStart) {
      lineStart = false;
      const indent = /^ */.exec(text.slice(i, i + MAX_YAML_BLOCK_COLUMN + 1))![0].length;
      if (blockScalarParent >= 0 && (indent > blockScalarParent || text[i + indent] === '\n' || text[i + indent] === '\r')) {
        while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
        continue;
      }
      blockScalarParent = BLOCK_SCALAR_HEADER.test(lineAt(text, i)) ? indent : -1;
      lineOffset = i;
      lineDepth = blockPrefixLength(text, i);
    } else if (char === ':' && !quote && isBlank(text[i + 1])) lineDepth++;
    if (lineDepth > MAX_YAML_BLOCK_COLUMN) {
      return { offset: lineOffset, message: `it nests deeper than ${MAX_YAML_BLOCK_COLUMN} levels of indentation, block markers and keys` };
    }
    if (char === '\n' || char === '\r') {
      lineStart = true;
      continue;
    }
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    // Quotes only matter inside flow collections, where brackets count; outside, an apostrophe is often just text.
    if ((char === '"' || char === "'") && flowDepth > 0) quote = char;
    else if (char === '#' && isBlank(text[i - 1])) {
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    } else if (char === '[' || char === '{') {
      if (++flowDepth > MAX_YAML_FLOW_DEPTH) {
        return { offset: i, message: `it nests more than ${MAX_YAML_FLOW_DEPTH} flow collections ([ or {) inside each other` };
      }
    } else if ((char === ']' || char === '}') && flowDepth > 0) flowDepth--;
  }
  return undefined;
}

/**
 * The text with each lone CR (old Mac line ends) made a LF, which the `yaml`
 * library needs to see line breaks: one character for one, so every offset
 * still matches the document, which counts a lone CR as a line break too.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
