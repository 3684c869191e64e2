/**
 * Sliding day windows for the group rules (split-order, price-discrimination). "Within N days"
 * means the first and last purchase of a group are at most N calendar days apart, both ends
 * included (orders on the 1st and the 8th are within 7 days; the 1st and the 9th are not),
 * the same inclusive reading as the ±14-day gap window.
 *
 * Yields the maximal windows as [start, end] indexes (inclusive) into `sorted` (sorted by day):
 * each window starts at an item and runs to the last item within N days of it; a window
 * contained in an earlier one is skipped, so a burst of purchases is one group, not one per
 * purchase. Indexes rather than slices: the rules look at every window and keep very few.
 */
export function* maximalWindows<T>(sorted: readonly T[], dayNo: (t: T) => number, spanDays: number): Generator<[number, number]> {
  let end = 0;
  let lastEnd = -1;
  for (let start = 0; start < sorted.length; start++) {
    const from = dayNo(sorted[start] as T);
    if (end < start) end = start;
    while (end + 1 < sorted.length && dayNo(sorted[end + 1] as T) - from <= spanDays) end++;
    if (end > lastEnd) {
      yield [start, end];
      lastEnd = end;
    }
  }
}
