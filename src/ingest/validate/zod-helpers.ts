import { z } from 'zod';
import { parseMoneyToFen } from '../../domain/money.ts';
import { parseTimestamp } from '../../domain/time.ts';
import type { FieldIssue } from '../../schema/records.ts';

/** Shared field validators for source records; each failure reads as "<field> <reason>". */

export const requiredText = (max = 1000) =>
  z.string({ invalid_type_error: 'must be text' }).trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);

// nullish() rather than a union: a union builds (and discards) an issue for every branch that
// does not match, which dominated ingest time on records with many absent optional fields.
export const optionalText = (max = 2000) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .max(max, `is longer than ${max} characters`)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

/** An id may arrive as a string or an integer; it is stored as text. */
export const idText = z
  .union([z.string(), z.number().int()], { errorMap: (_issue, ctx) => ({ message: ctx.data == null ? 'is missing' : 'must be a text or integer id' }) })
  .transform((v) => String(v).trim())
  .refine((v) => v.length > 0 && v.length <= 200, 'is empty or too long');

export const moneyFen = z.unknown().transform((v, ctx) => {
  const r = parseMoneyToFen(v);
  if (!r.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.reason });
    return z.NEVER;
  }
  return r.value;
});

export const timestamp = z.unknown().transform((v, ctx) => {
  const r = parseTimestamp(v);
  if (!r.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.reason });
    return z.NEVER;
  }
  return r.value;
});

export const positiveQuantity = z.unknown().transform((v, ctx) => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: v == null ? 'is missing' : `is not a number: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  if (n <= 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be greater than zero, got ${n}` });
    return z.NEVER;
  }
  return n;
});

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined' || issue.received === 'null' ? 'is missing' : `must be ${issue.expected}, got ${issue.received}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return `is "${String(issue.received)}", expected one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
  }
  return issue.message;
}

/** `lines.2.unit_price` → `lines[2].unit_price`, the way people write it in a bug report. */
export function fieldPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(record)';
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: fieldPath(i.path), reason: describeIssue(i) }));
}
