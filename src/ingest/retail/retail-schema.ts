import { z } from 'zod';
import { dayOf } from '../../domain/time.ts';
import type { RetailRecord } from '../core/records.ts';
import type { SourceItem } from '../core/source.ts';
import { implausibleCny } from '../../domain/money.ts';
import { quoteValue } from '../../domain/reason.ts';
import { keepAllowed, RETAIL_RULES } from '../core/allow-list.ts';
import { moneyFen, optionalText, requiredText, timestamp, parseRecord } from '../core/field-validators.ts';

/** Our field names for a retail observation (DESIGN §3), in the order people list them. */
export const RETAIL_FIELDS = [
  'retailer', 'brand', 'model', 'title', 'spec', 'unit', 'price', 'observed_at', 'url', 'self_operated',
  'gtin', 'currency', 'price_kind', 'archive_url',
] as const;
export const RETAIL_REQUIRED = ['retailer', 'brand', 'model', 'title', 'unit', 'price', 'observed_at', 'url', 'self_operated'] as const;

const TRUE_WORDS = new Set(['true', '1', '是', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', '否', 'no', 'n']);

const selfOperated = z.unknown().transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w)) return true;
    if (FALSE_WORDS.has(w)) return false;
  }
  ctx.addIssue({
    code: 'custom',
    message: v == null || v === '' ? 'is missing' : `is ${quoteValue(v)}, expected true/false, 1/0 or 是/否`,
  });
  return z.NEVER;
});

// Retail pages show list ("strike-through", 划线价) prices beside the sale price; DESIGN §6
// never uses them as a reference, so they are kept apart, never folded into "sale".
const PRICE_KINDS: Record<string, 'sale' | 'list'> = { sale: 'sale', list: 'list', 划线价: 'list', 原价: 'list' };
const priceKind = z.unknown().optional().transform((v, ctx) => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return 'sale' as const;
  const k = typeof v === 'string' ? PRICE_KINDS[v.trim().toLowerCase()] : undefined;
  if (k) return k;
  ctx.addIssue({ code: 'custom', message: `is ${quoteValue(v)}, expected "sale" or "list" (also 划线价 or 原价 for list)` });
  return z.NEVER;
});

/** "¥8,499.00", "8499元": the currency sign is unambiguous decoration, the number is parsed exactly. */
const price = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v.trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '') : v))
  .pipe(moneyFen)
  // typeof guard: zod runs refinements even after the amount itself failed to parse.
  .refine((fen) => typeof fen !== 'number' || fen > 0, 'must be greater than zero (a price of 0 is not an observation)');

export const retailSchema = z
  .object({
    retailer: requiredText(50).transform((s) => s.toLowerCase()),
    brand: requiredText(200),
    model: requiredText(200),
    title: requiredText(500),
    spec: optionalText(),
    unit: requiredText(20),
    price,
    observed_at: timestamp,
    url: requiredText(2000).refine((u) => /^https?:\/\/\S+$/i.test(u), 'must be an http(s) address without spaces'),
    archive_url: optionalText(2000).refine((u) => u === null || /^https?:\/\/\S+$/i.test(u), 'must be an http(s) address without spaces'),
    self_operated: selfOperated,
    gtin: optionalText(40).refine((g) => g === null || /^(\d{8}|\d{12,14})$/.test(g), 'must be 8, 12, 13 or 14 digits'),
    currency: z
      .string()
      .nullish()
      .transform((c) => (c == null || c.trim() === '' ? 'CNY' : c.trim().toUpperCase()))
      .refine((c) => /^[A-Z]{3}$/.test(c), 'must be a three-letter ISO 4217 code such as CNY or UAH'),
    price_kind: priceKind,
  })
  .superRefine((r, ctx) => {
    const why = typeof r.price === 'number' && r.currency === 'CNY' ? implausibleCny(r.price) : null;
    if (why) ctx.addIssue({ code: 'custom', path: ['price'], message: why });
  })
  .transform(
    (r): RetailRecord => ({
      retailer: r.retailer,
      brand: r.brand,
      model: r.model,
      title: r.title,
      spec: r.spec,
      unit: r.unit,
      // moneyFen gives hundredths of the unit, which is fen for CNY and the minor unit (or
      // hundredths, for currencies without one) otherwise; DESIGN §4 stores exactly that.
      price_fen: r.price,
      currency: r.currency,
      // zod 4 still runs this transform when a field failed (the parse fails regardless); a
      // failed timestamp is not text here, and must not throw.
      observed_on: typeof r.observed_at === 'string' ? dayOf(r.observed_at) : '',
      url: r.url,
      archive_url: r.archive_url,
      self_operated: r.self_operated,
      gtin: r.gtin,
      price_kind: r.price_kind,
    }),
  );

export function retailKey(r: Pick<RetailRecord, 'retailer' | 'url' | 'observed_on' | 'price_kind'>): string {
  return `${r.retailer}|${r.url}|${r.observed_on}|${r.price_kind}`;
}

/**
 * One retail observation (already in our field names) → SourceItem. Rejections are keyed by
 * position ("file#row"): a bad row may not have a usable retailer/url/day to key it by.
 */
export function parseRetail(input: Record<string, unknown>, position: string): SourceItem {
  // Only the contract's fields are copied (DESIGN §3): a retail export's other columns (a
  // seller's phone, a reviewer's name) never reach validation, the archive or the database.
  const { value: raw, dropped, redactions } = keepAllowed(input, RETAIL_RULES);
  const parsed = parseRecord(retailSchema, raw);
  if (!parsed.ok) return { kind: 'retail', ok: false, key: position, issues: parsed.issues, dropped };
  return { kind: 'retail', ok: true, key: retailKey(parsed.value), record: parsed.value, raw, redactions, dropped, cleaned: parsed.cleaned };
}
