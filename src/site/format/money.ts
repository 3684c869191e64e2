/**
 * Money for people: integer fen in, display text out. Pure and Intl-free on purpose, so the
 * output never depends on the ICU data of the machine that builds (deterministic builds).
 */

/** The real minus sign (U+2212): a hyphen reads as a dash and screen readers skip it. */
export const MINUS = '\u2212';

function groupDigits(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1,730.00" for 173000, no symbol, no sign (callers decide how to show a sign). */
function absYuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${groupDigits(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/** `¥1,730.00`; negatives as `−¥12.00`. */
export function formatYuan(fen: number): string {
  return `${fen < 0 ? MINUS : ''}¥${absYuan(fen)}`;
}

/** A gap: always signed (`+¥129.00`, `−¥129.00`, `¥0.00`). */
export function formatSignedYuan(fen: number): string {
  if (fen === 0) return '¥0.00';
  return `${fen < 0 ? MINUS : '+'}¥${absYuan(fen)}`;
}

/** Totals at or above this many fen read better in 万元 (UI.md): ¥10,000 and up. */
export const WAN_THRESHOLD_FEN = 1_000_000;

/**
 * `12.35 万元` for 123,456.00 yuan: 万 = 10,000 yuan = 1,000,000 fen, two decimals rounded
 * half up with integer arithmetic. Below the threshold the exact `¥` figure is returned.
 */
export function formatWan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  if (abs < WAN_THRESHOLD_FEN) return formatYuan(fen);
  const hundredths = Math.floor((abs + 5_000) / 10_000); // 1 hundredth of 万 = 10,000 fen
  const text = `${groupDigits(String(Math.floor(hundredths / 100)))}.${String(hundredths % 100).padStart(2, '0')}`;
  return `${fen < 0 ? MINUS : ''}${text} 万元`;
}

/** Whether formatWan shortened the figure, i.e. the exact amount should be shown beside it. */
export function isWan(fen: number): boolean {
  return Math.abs(fen) >= WAN_THRESHOLD_FEN;
}

/** Plain integer with thousands separators (counts of orders, lines …). */
export function formatCount(n: number): string {
  const sign = n < 0 ? MINUS : '';
  return `${sign}${groupDigits(String(Math.abs(Math.trunc(n))))}`;
}

/** A quantity: integers as is, fractional quantities (2.5 箱) with up to 3 decimals. */
export function formatQuantity(q: number): string {
  if (Number.isInteger(q)) return formatCount(q);
  return String(Math.round(q * 1000) / 1000);
}

/**
 * An amount in its own currency: `¥1,730.00` for CNY, `USD 1,234.50` otherwise (hundredths
 * of that currency, DESIGN §4). Other currencies never get the ¥ sign or 万元.
 */
export function formatMoney(minor: number, currency = 'CNY'): string {
  if (currency === 'CNY') return formatYuan(minor);
  return `${minor < 0 ? MINUS : ''}${currency} ${absYuan(minor)}`;
}
