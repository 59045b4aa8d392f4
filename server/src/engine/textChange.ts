/**
 * Where two versions of a text differ, as one span: editors send a
 * keystroke's change, but a document arrives whole, so it is found again
 * by comparing the texts.
 */

/** The changed span between two texts: [fromA, toA) of the text before became [fromB, toB) of the text after. */
export interface TextChange {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

/** Characters compared at once while looking for where two texts part: string equality is a memcmp. */
const COMPARE_BLOCK = 512;

/** How many leading characters two texts share. */
function commonPrefixLength(before: string, after: string, limit: number): number {
  let prefix = 0;
  while (prefix + COMPARE_BLOCK <= limit && before.slice(prefix, prefix + COMPARE_BLOCK) === after.slice(prefix, prefix + COMPARE_BLOCK)) {
    prefix += COMPARE_BLOCK;
  }
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  return prefix;
}

/** How many trailing characters two texts share, at most `limit`. */
function commonSuffixLength(before: string, after: string, limit: number): number {
  let suffix = 0;
  while (
    suffix + COMPARE_BLOCK <= limit &&
    before.slice(before.length - suffix - COMPARE_BLOCK, before.length - suffix) === after.slice(after.length - suffix - COMPARE_BLOCK, after.length - suffix)
  ) {
    suffix += COMPARE_BLOCK;
  }
  while (suffix < limit && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return suffix;
}

/** The single changed span between two texts (A before, B after): their common prefix and suffix left alone. */
export function changedSpan(before: string, after: string): TextChange {
  const prefix = commonPrefixLength(before, after, Math.min(before.length, after.length));
  const suffix = commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix);
  return { fromA: prefix, toA: before.length - suffix, fromB: prefix, toB: after.length - suffix };
}
