/**
 * The index of the last of the ascending `values` that is at most `limit`;
 * -1 when none is: lines to units, offsets to statement groups or to the
 * pieces of a Dockerfile instruction. SourceDocument.positionAt keeps its own
 * loop over a typed array: one helper taking both kinds of array cost each
 * of its calls about 30% more (62 -> 81 ns).
 */
export function lastIndexAtMost(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= limit) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
