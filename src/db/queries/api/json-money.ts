import { fenToYuanString } from '../../../domain/money.ts';

/**
 * The API gives money twice: integer fen for programs (exact, no float) and a yuan decimal
 * string for people and spreadsheets. Gaps are basis points plus a percent string.
 */
export const yuan = (fen: number | null): string | null => (fen === null ? null : fenToYuanString(fen));

/** 1234 bp → "12.34" (percent, two decimals, integer arithmetic). */
export function bpToPct(bp: number | null): string | null {
  if (bp === null) return null;
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
