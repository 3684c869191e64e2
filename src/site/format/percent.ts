import { MINUS } from './money.ts';

/**
 * Percentages come from basis points (1 % = 100 bp), shown with one decimal and a sign
 * (`+13.6%`, `−6.9%`, UI.md). Rounding is half away from zero in integers, so −0.05 %
 * never becomes "−0.1" on one machine and "−0.0" on another.
 */
export function formatBp(bp: number, amount: number = bp): string {
  const tenths = Math.floor((Math.abs(Math.trunc(bp)) + 5) / 10);
  // A gap that is not zero never reads as "0.0%" (DESIGN §6): a ¥1 gap on a ¥10,000 printer
  // is "< 0.1%", and the word beside it says in which direction.
  if (tenths === 0) return amount !== 0 ? '< 0.1%' : '0.0%';
  const text = `${Math.floor(tenths / 10)}.${tenths % 10}%`;
  return `${bp < 0 ? MINUS : '+'}${text}`;
}

/** An unsigned share (coverage, cap use): `87.5%` from a numerator and a denominator. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.floor((1000 * part) / whole + 0.5);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** Basis points of part over whole, rounded half away from zero (for sort keys and shares). */
export function ratioBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const x = (10_000 * part) / whole;
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
