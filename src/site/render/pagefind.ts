/**
 * Pagefind sort values. Pagefind sorts numerically when every value parses as a number and
 * as text otherwise; these are fixed-width digit strings, so both orders agree.
 */

/** Fen as a 15-digit zero-padded integer (up to ¥9,999,999,999,999.99). */
export function sortAmount(fen: number): string {
  return String(Math.max(0, Math.min(Math.trunc(fen), 999_999_999_999_999))).padStart(15, '0');
}

/**
 * Gap in basis points offset by +1,000,000 into 8 digits, so −100 % (−10,000 bp) is 00990000
 * and +100 % is 01010000. No reference sorts as 00000000: below every real gap.
 */
export function sortGap(bp: number | null): string {
  if (bp === null) return '00000000';
  return String(Math.max(1, Math.min(Math.trunc(bp) + 1_000_000, 99_999_999))).padStart(8, '0');
}
