import { z } from 'zod/v4';
import { parseMoneyToFen } from '../../domain/money.ts';
import { parseTimestamp } from '../../domain/time.ts';
import type { FieldIssue } from '../../schema/records.ts';

/** Shared field validators for source records; each failure reads as "<field> <reason>". */

export const requiredText = (max = 1000) =>
  z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);

// nullish() rather than a union: a union builds (and discards) an issue for every branch that
// does not match, which dominated ingest time on records with many absent optional fields.
export const optionalText = (max = 2000) =>
  z
    .string()
    .max(max, `is longer than ${max} characters`)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

/** An id may arrive as a string or an integer; it is stored as text. */
export const idText = z
  .union([z.string(), z.number().int()], { error: (iss) => (iss.input == null ? 'is missing' : 'must be a text or integer id') })
  .transform((v) => String(v).trim())
  .refine((v) => v.length > 0 && v.length <= 200, 'is empty or too long');

export const moneyFen = z.unknown().transform((v, ctx) => {
  const r = parseMoneyToFen(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.value;
});

export const timestamp = z.unknown().transform((v, ctx) => {
  const r = parseTimestamp(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.value;
});

export const positiveQuantity = z.unknown().transform((v, ctx) => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: v == null ? 'is missing' : `is not a number: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  if (n <= 0) {
    ctx.addIssue({ code: 'custom', message: `must be greater than zero, got ${n}` });
    return z.NEVER;
  }
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
    return `is "${String(iss.input)}", expected one of ${iss.values.map((o) => `"${String(o)}"`).join(', ')}`;
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
