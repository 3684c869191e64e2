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

export const requiredText = (max = 1000) =>
  z.unknown().transform((v, ctx): string => {
    if (typeof v !== 'string') return fail(ctx, notText(v));
    if (v.length > MAX_TEXT_CHARS) return fail(ctx, `is longer than ${MAX_TEXT_CHARS} characters`);
    const t = clean(v).trim();
    if (t === '') return fail(ctx, 'is empty');
    if (t.length > max) return fail(ctx, `is longer than ${max} characters`);
    return t;
  });

/**
 * Absent, null and blank all become null; the length limit applies to the text as received.
 * `.optional()` first: zod 4 reports an absent key as missing unless its schema is optional.
 */
export const optionalText = (max = 2000) =>
  z.unknown().optional().transform((v, ctx): string | null => {
    if (v == null) return null;
    if (typeof v !== 'string') return fail(ctx, notText(v));
    if (v.length > Math.min(max, MAX_TEXT_CHARS)) return fail(ctx, `is longer than ${Math.min(max, MAX_TEXT_CHARS)} characters`);
    const t = clean(v).trim();
    return t === '' ? null : t;
  });

/** An id may arrive as a string or an integer; it is stored as text, never cleaned: a bad id is rejected. */
export const idText = z.unknown().transform((v, ctx): string => {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  if (s === undefined) return fail(ctx, v == null ? 'is missing' : 'must be a text or integer id');
  if (s.length === 0) return fail(ctx, 'is empty or too long');
  const problem = idProblem(s);
  if (problem) return fail(ctx, problem);
  return s;
});

/** An optional id (e.g. a line's sku): absent or blank is null, anything else is checked as an id. */
export const optionalId = z.unknown().optional().transform((v, ctx): string | null => {
  if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  if (s === undefined) return fail(ctx, 'must be a text or integer id');
  const problem = idProblem(s);
  return problem ? fail(ctx, problem) : s;
});

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

export const moneyFen = z.unknown().transform((v, ctx): number => {
  const r = parseMoneyToFen(v);
  return r.ok ? r.value : fail(ctx, r.reason);
});

/** A price or total: ¥0 would hide a purchase from every gap, so it is rejected (DESIGN §3 Values). */
export const positiveMoneyFen = z.unknown().transform((v, ctx): number => {
  const r = parseMoneyToFen(v);
  if (!r.ok) return fail(ctx, r.reason);
  if (r.value <= 0) return fail(ctx, 'must be greater than zero');
  return r.value;
});

export const timestamp = z.unknown().transform((v, ctx): string => {
  const r = parseTimestamp(v);
  return r.ok ? r.value : fail(ctx, r.reason);
});

export const positiveQuantity = z.unknown().transform((v, ctx): number => {
  const r = parsePositiveQuantity(v);
  return r.ok ? r.value : fail(ctx, r.reason);
});

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

/** Parses one source record, with reasons a person can act on when it fails. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S>; cleaned: boolean } | { ok: false; issues: FieldIssue[] } {
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
