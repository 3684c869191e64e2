import { z } from 'zod';
import { parseMoneyToFen, parsePositiveQuantity } from '../../domain/money.ts';
import { parseTimestamp } from '../../domain/time.ts';
import { cleanText, idProblem, MAX_TEXT_CHARS } from '../../domain/clean-text.ts';
import type { FieldIssue } from './records.ts';
import { quoteValue } from '../../domain/reason.ts';

/** Shared field validators for source records; each failure reads as "<field> <reason>". */

// The text and id validators below are single transforms rather than chains such as
// z.string().trim().min().max().nullish(): every link of a chain is one more schema run per
// field, and with ~45 fields per order the chains were a quarter of all validation time.
// The reasons are the ones describeIssue gives for the chained form.
const notText = (v: unknown) => (v == null ? 'is missing' : `must be text, got ${Array.isArray(v) ? 'array' : typeof v}`);

// Set when a text validator removed characters during the current parseRecord call. Parsing is
// synchronous, so one flag per module (per thread) is enough; parseRecord resets and reads it.
let cleanedInThisRecord = false;

/** Cleans free text (DESIGN §3); over MAX_TEXT_CHARS is rejected whatever the field's own limit. */
function clean(v: string): string {
  const c = cleanText(v);
  if (c.changed) cleanedInThisRecord = true;
  return c.text;
}

// Each rule is a plain function, so that a record can be checked without zod (see
// parseRecord's fast path) by the very same code; the zod validators below wrap them.
type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
const no = (reason: string): Checked<never> => ({ ok: false, reason });

export function requiredTextOf(v: unknown, max = 1000): Checked<string> {
  if (typeof v !== 'string') return no(notText(v));
  if (v.length > MAX_TEXT_CHARS) return no(`is longer than ${MAX_TEXT_CHARS} characters`);
  const t = clean(v).trim();
  if (t === '') return no('is empty');
  if (t.length > max) return no(`is longer than ${max} characters`);
  return { ok: true, value: t };
}

export function optionalTextOf(v: unknown, max = 2000): Checked<string | null> {
  if (v == null) return { ok: true, value: null };
  if (typeof v !== 'string') return no(notText(v));
  if (v.length > Math.min(max, MAX_TEXT_CHARS)) return no(`is longer than ${Math.min(max, MAX_TEXT_CHARS)} characters`);
  const t = clean(v).trim();
  return { ok: true, value: t === '' ? null : t };
}

export function idOf(v: unknown): Checked<string> {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  if (s === undefined) return no(v == null ? 'is missing' : 'must be a text or integer id');
  if (s.length === 0) return no('is empty or too long');
  const problem = idProblem(s);
  return problem ? no(problem) : { ok: true, value: s };
}

export function optionalIdOf(v: unknown): Checked<string | null> {
  if (v == null || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: null };
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  if (s === undefined) return no('must be a text or integer id');
  const problem = idProblem(s);
  return problem ? no(problem) : { ok: true, value: s };
}

/** A price or total: ¥0 would hide a purchase from every gap, so it is rejected (DESIGN §3 Values). */
export function positiveFenOf(v: unknown): Checked<number> {
  const r = parseMoneyToFen(v);
  if (!r.ok) return r;
  if (r.value <= 0) return no('must be greater than zero');
  return r;
}

const take = <T>(r: Checked<T>, ctx: z.RefinementCtx): T => (r.ok ? r.value : fail(ctx, r.reason));

export const requiredText = (max = 1000) => z.unknown().transform((v, ctx): string => take(requiredTextOf(v, max), ctx));

/**
 * Absent, null and blank all become null; the length limit applies to the text as received.
 * `.optional()` first: zod 4 reports an absent key as missing unless its schema is optional.
 */
export const optionalText = (max = 2000) =>
  z.unknown().optional().transform((v, ctx): string | null => take(optionalTextOf(v, max), ctx));

/** An id may arrive as a string or an integer; it is stored as text, never cleaned: a bad id is rejected. */
export const idText = z.unknown().transform((v, ctx): string => take(idOf(v), ctx));

/** An optional id (e.g. a line's sku): absent or blank is null, anything else is checked as an id. */
export const optionalId = z.unknown().optional().transform((v, ctx): string | null => take(optionalIdOf(v), ctx));

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

export const moneyFen = z.unknown().transform((v, ctx): number => take(parseMoneyToFen(v), ctx));

export const positiveMoneyFen = z.unknown().transform((v, ctx): number => take(positiveFenOf(v), ctx));

export const timestamp = z.unknown().transform((v, ctx): string => take(parseTimestamp(v), ctx));

export const positiveQuantity = z.unknown().transform((v, ctx): number => take(parsePositiveQuantity(v), ctx));

/**
 * The reasons zod gives by default are written for developers ("Invalid input: expected
 * string, received undefined"); these are written for the person fixing the export.
 */
const describeIssue: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') {
    return iss.input == null ? 'is missing' : `must be ${iss.expected === 'string' ? 'text' : iss.expected}, got ${Array.isArray(iss.input) ? 'array' : typeof iss.input}`;
  }
  if (iss.code === 'invalid_value') {
    return `is ${quoteValue(iss.input)}, expected one of ${iss.values.map((o) => `"${String(o)}"`).join(', ')}`;
  }
  return undefined;
};

/**
 * Parses one source record, with reasons a person can act on when it fails. `fast`, when given,
 * checks the record with the same field rules without zod and returns its value, or undefined
 * at the first doubt: then zod parses it, and gives the reasons of a record that fails.
 */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fast?: (input: unknown) => z.output<S> | undefined,
): { ok: true; value: z.output<S>; cleaned: boolean } | { ok: false; issues: FieldIssue[] } {
  if (fast) {
    cleanedInThisRecord = false;
    const value = fast(input);
    const cleaned = cleanedInThisRecord;
    if (value !== undefined) {
      cleanedInThisRecord = false;
      return { ok: true, value, cleaned };
    }
  }
  cleanedInThisRecord = false;
  const r = schema.safeParse(input, { error: describeIssue });
  const cleaned = cleanedInThisRecord;
  cleanedInThisRecord = false;
  return r.success ? { ok: true, value: r.data, cleaned } : { ok: false, issues: toFieldIssues(r.error) };
}

/** `lines.2.unit_price` → `lines[2].unit_price`, the way people write it in a bug report. */
export function fieldPath(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(record)';
}

/** Issues of a failed parse; their messages are already ours when parsed through parseRecord. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: fieldPath(i.path), reason: i.message }));
}
