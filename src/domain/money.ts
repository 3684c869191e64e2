import { fail, ok, type Result } from './result.ts';

/**
 * Money is integer fen (1 yuan = 100 fen) everywhere. Sources send yuan as decimal strings
 * ("1730.00") or JSON numbers; both are converted through their decimal text so that no
 * binary floating point ever touches an amount.
 */

// Largest amount we accept in any currency: 10^13 hundredths keeps every sum far inside 2^53.
const MAX_FEN = 10_000_000_000_000;

/**
 * Largest plausible amount in yuan: ¥1,000,000,000 (10^11 fen). A prefecture's whole e-mall
 * spend is far below it, and an 11-digit mobile number or an ID number typed into a CNY amount
 * field is rejected instead of published as a price (¥13,812,345,678). Other currencies
 * (guaraní contracts run to billions) are bounded by MAX_FEN only.
 */
export const MAX_CNY_FEN = 100_000_000_000;

/** The reason a CNY amount is implausible, or null. */
export function implausibleCny(fen: number): string | null {
  return fen > MAX_CNY_FEN ? 'is more than ¥1,000,000,000, not a plausible amount' : null;
}

const PLAIN = /^(-)?(\d+)(?:\.(\d+))?$/;
// "1,730.00": comma-grouped thousands are common in Chinese exports; accepted only when every
// group has exactly three digits, so "1,73" (a decimal comma?) is rejected, not guessed.
const GROUPED = /^(-)?(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

export interface ParseMoneyOptions {
  /** Allow amounts below zero (refunds). Prices and totals on the e-mall never are. */
  allowNegative?: boolean;
}

export function parseMoneyToFen(input: unknown, options: ParseMoneyOptions = {}): Result<number> {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`is not a finite number (${String(input)})`);
    // String(n) gives the shortest decimal that round-trips, so 0.1+0.2 shows up as
    // 0.30000000000000004 and is rejected below rather than silently rounded.
    text = String(input);
    if (/e/i.test(text)) return fail(`is out of range (${text})`);
  } else if (typeof input === 'string') {
    text = input.trim();
    if (text === '') return fail('is empty');
  } else if (input === null || input === undefined) {
    return fail('is missing');
  } else {
    return fail(`must be a decimal string or number, got ${typeof input}`);
  }

  const m = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!m) return fail(`is not a decimal amount in yuan: "${text}"`);
  const [, sign, intPart = '', frac = ''] = m;
  const digits = intPart.includes(',') ? intPart.replace(/,/g, '') : intPart;
  const significantFrac = frac.length > 2 ? frac.replace(/0+$/, '') : frac;
  if (significantFrac.length > 2) {
    return fail(`has more precision than one fen: "${text}"`);
  }
  const fen = Number(digits) * 100 + Number(significantFrac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return fail(`is out of range: "${text}"`);
  if (sign && fen !== 0) {
    if (!options.allowNegative) return fail(`is negative: "${text}"`);
    return ok(-fen);
  }
  return ok(fen);
}

/** Fen as a plain yuan decimal string ("1730.00"), for files and APIs; no grouping, no symbol. */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** Multiply a unit price by a quantity that may be fractional (e.g. 2.5 箱), rounding half up to the fen. */
export function lineAmountFen(unitPriceFen: number, quantity: number): number {
  return Math.round(unitPriceFen * quantity);
}

// Base-10 only: Number() would also read "0x10" as 16, "1e3" as 1000 and "Infinity".
const QUANTITY = /^\d+(?:\.\d+)?$/;

/** A quantity: a positive decimal number written in base 10 (DESIGN §3 Values). */
export function parsePositiveQuantity(input: unknown): Result<number> {
  if (input === null || input === undefined) return fail('is missing');
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`is not a finite number (${String(input)})`);
    text = String(input);
  } else if (typeof input === 'string') text = input.trim();
  else return fail(`is not a number: ${Array.isArray(input) ? 'an array' : typeof input === 'object' ? 'an object' : typeof input}`);
  if (text === '') return fail('is empty');
  if (text.startsWith('-')) return fail(`must be greater than zero, got ${text.slice(0, 40)}`);
  if (!QUANTITY.test(text)) return fail(`is not a decimal number written in base 10: "${text.slice(0, 40)}"`);
  const n = Number(text);
  if (!(n > 0)) return fail(`must be greater than zero, got ${text.slice(0, 40)}`);
  return ok(n);
}
