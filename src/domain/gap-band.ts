/**
 * Gap bands: the one definition of "how far above retail" that list filters, the API and the
 * CSV of a filtered list share. Bounds are in basis points of the order's gap ratio
 * (domain/order-gap.ts); a band includes its lower bound. "none" is an order with no line that
 * has a reference, never a zero gap (DESIGN §6).
 */
export const GAP_BANDS = ['over-50', 'over-20', 'over-0', 'not-over', 'none'] as const;
export type GapBand = (typeof GAP_BANDS)[number];

export function gapBandOf(gapBp: number | null): GapBand {
  if (gapBp === null) return 'none';
  if (gapBp >= 5000) return 'over-50';
  if (gapBp >= 2000) return 'over-20';
  if (gapBp > 0) return 'over-0';
  return 'not-over';
}

