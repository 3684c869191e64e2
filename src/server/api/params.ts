import type { Paging } from '../../db/queries/api/filters.ts';

export type { Paging };
import { badRequest } from './errors.ts';

/**
 * Strict query-string reading shared by every endpoint. Anything a caller sends that we do not
 * understand is refused with 400 rather than ignored: a misspelt filter (`agnecy=`) silently
 * ignored would return the whole table and look like an answer.
 */

export type RawParams = Map<string, string>;

/** The query's parameters, refusing names outside `allowed`, repeats and empty values. */
export function readParams(url: URL, allowed: readonly string[]): RawParams {
  const out: RawParams = new Map();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      throw badRequest(name, `unknown parameter "${clip(name)}"; allowed: ${allowed.join(', ')}`);
    }
    if (out.has(name)) throw badRequest(name, `parameter "${name}" is given more than once`);
    if (value === '') throw badRequest(name, `parameter "${name}" is empty`);
    out.set(name, value);
  }
  return out;
}

// Ids are whatever the sources use (Chinese letters included), but never control characters.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
export const MAX_TEXT = 128;

/** A free-text value (an id or a prefix): at most MAX_TEXT characters, no control characters. */
export function textParam(params: RawParams, name: string): string | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if ([...v].length > MAX_TEXT) throw badRequest(name, `"${name}" is longer than ${MAX_TEXT} characters`);
  if (CONTROL.test(v)) throw badRequest(name, `"${name}" contains control characters`);
  return v;
}

/** A whole number in [min, max], written in plain decimal digits ("1e3", "0x10", "1.0" are refused). */
export function intParam(params: RawParams, name: string, min: number, max: number): number | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (!/^-?\d{1,16}$/.test(v)) throw badRequest(name, `"${name}" must be a whole number between ${min} and ${max}, got "${clip(v)}"`);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(name, `"${name}" must be a whole number between ${min} and ${max}, got "${clip(v)}"`);
  }
  return n;
}

/** A decimal with at most two places in [min, max], returned in hundredths (12.5 → 1250) so no float reaches SQL. */
export function hundredthsParam(params: RawParams, name: string, min: number, max: number): number | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  const m = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  const message = `"${name}" must be a number between ${min} and ${max} with at most two decimals, got "${clip(v)}"`;
  if (!m) throw badRequest(name, message);
  const [, sign, int = '0', frac = ''] = m;
  const hundredths = (Number(int) * 100 + Number(frac.padEnd(2, '0'))) * (sign ? -1 : 1);
  if (hundredths < min * 100 || hundredths > max * 100) throw badRequest(name, message);
  return hundredths;
}

/** A calendar day "YYYY-MM-DD" that exists (2019-02-30 is refused). */
export function dayParam(params: RawParams, name: string): string | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const t = m === null ? NaN : Date.parse(`${v}T00:00:00Z`);
  // Date.parse rolls 02-30 over to 03-02 and gives NaN for month 13: round-tripping catches both.
  const valid = m !== null && Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v && Number(m[1]) >= 1900;
  if (!valid) throw badRequest(name, `"${name}" must be a day written YYYY-MM-DD, got "${clip(v)}"`);
  return v;
}

/** One of a fixed list of words. */
export function enumParam<T extends string>(params: RawParams, name: string, values: readonly T[]): T | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw badRequest(name, `"${name}" must be one of ${values.join(', ')}, got "${clip(v)}"`);
  }
  return v as T;
}

export const MAX_PER_PAGE = 500;
export const DEFAULT_PER_PAGE = 50;
// Far beyond any real table; it only keeps OFFSET arithmetic inside safe integers.
export const MAX_PAGE = 1_000_000;


/** page (from 1) and per_page (1..500, default 50). Above the cap is an error, not a silent clamp. */
export function pagingParams(params: RawParams): Paging {
  return {
    page: intParam(params, 'page', 1, MAX_PAGE) ?? 1,
    per_page: intParam(params, 'per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE,
  };
}

/** Echoed values are shortened so an error message cannot be used to reflect a megabyte back. */
function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
