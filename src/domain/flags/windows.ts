/**
 * Sliding day windows for the group rules (split-order, price-discrimination). "Within N days"
 * means the first and last purchase of a group are at most N calendar days apart, both ends
 * included (orders on the 1st and the 8th are within 7 days; the 1st and the 9th are not),
 * the same inclusive reading as the ±14-day gap window.
 *
 * Returns the maximal windows: for items sorted by day, each window starts at an item and
 * runs to the last item within N days of it; a window contained in an earlier one is dropped,
 * so a burst of purchases yields one group, not one per purchase.
 */
export function maximalWindows<T>(sorted: readonly T[], dayNo: (t: T) => number, spanDays: number): T[][] {
  const out: T[][] = [];
  let end = 0;
  let lastEnd = -1;
  for (let start = 0; start < sorted.length; start++) {
    const from = dayNo(sorted[start] as T);
    if (end < start) end = start;
    while (end + 1 < sorted.length && dayNo(sorted[end + 1] as T) - from <= spanDays) end++;
    if (end > lastEnd) {
      out.push(sorted.slice(start, end + 1));
      lastEnd = end;
    }
  }
  return out;
}
