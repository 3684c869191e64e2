import { z } from 'zod';
import { parseMoneyToFen } from '../../domain/money.ts';
import { parseTimestamp } from '../../domain/time.ts';
import type { FieldIssue } from '../../schema/records.ts';
import { quoteValue } from '../../domain/reason.ts';

/** Shared field validators for source records; each failure reads as "<field> <reason>". */

// The text and id validators below are single transforms rather than chains such as
// z.string().trim().min().max().nullish(): every link of a chain is one more schema run per
// field, and with ~45 fields per order the chains were a quarter of all validation time.
// The reasons are the ones describeIssue gives for the chained form.
const notText = (v: unknown) => (v == null ? 'is missing' : `must be text, got ${Array.isArray(v) ? 'array' : typeof v}`);

export const requiredText = (max = 1000) =>
  z.unknown().transform((v, ctx): string => {
    if (typeof v !== 'string') return fail(ctx, notText(v));
    const t = v.trim();
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
    if (v.length > max) return fail(ctx, `is longer than ${max} characters`);
    const t = v.trim();
    return t === '' ? null : t;
  });

/** An id may arrive as a string or an integer; it is stored as text. */
export const idText = z.unknown().transform((v, ctx): string => {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  if (s === undefined) return fail(ctx, v == null ? 'is missing' : 'must be a text or integer id');
  if (s.length === 0 || s.length > 200) return fail(ctx, 'is empty or too long');
  return s;
});

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

export const moneyFen = z.unknown().transform((v, ctx): number => {
  const r = parseMoneyToFen(v);
  return r.ok ? r.value : fail(ctx, r.reason);
});

export const timestamp = z.unknown().transform((v, ctx): string => {
  const r = parseTimestamp(v);
  return r.ok ? r.value : fail(ctx, r.reason);
});

export const positiveQuantity = z.unknown().transform((v, ctx): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) return fail(ctx, v == null ? 'is missing' : `is not a number: ${quoteValue(v)}`);
  if (n <= 0) return fail(ctx, `must be greater than zero, got ${n}`);
  return n;
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
export function parseRecord<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; issues: FieldIssue[] } {
  const r = schema.safeParse(input, { error: describeIssue });
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: toFieldIssues(r.error) };
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
