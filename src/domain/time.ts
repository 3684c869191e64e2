import { fail, ok, type Result } from './result.ts';

/**
 * Timestamps are stored as ISO-8601 text in Asia/Shanghai (UTC+8, no daylight saving since
 * 1991), e.g. "2018-06-30T09:15:00+08:00", so that they sort as text and their first ten
 * characters are the local day. A source timestamp without an offset means Asia/Shanghai.
 */

const SHANGHAI_OFFSET_MIN = 8 * 60;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** A reason quotes at most 80 characters of the bad value (DESIGN §3). */
const quote = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Parse a source timestamp; returns it normalised to Asia/Shanghai. */
export function parseTimestamp(input: unknown): Result<string> {
  if (input === null || input === undefined || input === '') return fail('is missing');
  if (typeof input !== 'string') return fail(`must be an ISO-8601 string, got ${typeof input}`);
  const m = ISO.exec(input.trim());
  if (!m) return fail(`is not an ISO-8601 date or time: "${quote(input)}"`);
  const [, ys, mos, ds, hs = '00', mis = '00', ss = '00', , zone] = m;
  const y = Number(ys), mo = Number(mos), d = Number(ds), h = Number(hs), mi = Number(mis), s = Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return fail(`is not a real date or time: "${quote(input)}"`);
  }
  // Never reinterpreted: "0050" is not 1950 and "1899" is no procurement date of this site.
  if (ys! < '2000' || ys! > '2099') return fail(`has a year outside 2000–2099: "${quote(input)}"`);

  // Most sources already speak Shanghai time: their text is the answer, no clock arithmetic
  // (this is on the ingest hot path, four times per order).
  if (zone === undefined || zone === '+08:00' || zone === '+0800') return ok(`${ys}-${mos}-${ds}T${hs}:${mis}:${ss}+08:00`);
  let offsetMin = SHANGHAI_OFFSET_MIN;
  if (zone === 'Z') offsetMin = 0;
  else if (zone) {
    const z = zone.replace(':', '');
    const sign = z.startsWith('-') ? -1 : 1;
    const oh = Number(z.slice(1, 3)), om = Number(z.slice(3, 5));
    if (om > 59 || oh * 60 + om > 14 * 60) return fail(`has an impossible UTC offset: "${quote(input)}"`);
    offsetMin = sign * (oh * 60 + om);
  }
  const utcMs = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
  return ok(toShanghaiIso(utcMs));
}

/** Milliseconds since the epoch as "YYYY-MM-DDTHH:mm:ss+08:00". */
export function toShanghaiIso(utcMs: number): string {
  const local = new Date(utcMs + SHANGHAI_OFFSET_MIN * 60_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** The Asia/Shanghai day ("YYYY-MM-DD") of a normalised timestamp. */
export function dayOf(shanghaiIso: string): string {
  return shanghaiIso.slice(0, 10);
}

/** Parse a day ("2019-03-05") or a timestamp and return its Asia/Shanghai day. */
export function parseDay(input: unknown): Result<string> {
  const r = parseTimestamp(input);
  return r.ok ? ok(dayOf(r.value)) : r;
}

/** Whole days from day a to day b (b − a), both "YYYY-MM-DD". */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Day plus n days, as "YYYY-MM-DD". */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
