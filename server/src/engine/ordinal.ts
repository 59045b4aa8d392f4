/**
 * Compares strings by UTF-16 code units. For rule codes, file paths and
 * hashes this is the order wanted, and unlike localeCompare it does not set
 * up an ICU collator on first use (about 7 ms of every CLI run).
 */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
