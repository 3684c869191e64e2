import { quoteValue } from '../../domain/reason.ts';
import { idProblem } from '../../domain/clean-text.ts';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from '../core/json-depth.ts';
import type { SourceItem } from '../core/source.ts';
import { keepAllowed, LISTING_RULES, ORDER_RULES } from '../core/allow-list.ts';
import { feedListingSchema } from './listing-schema.ts';
import { fastFeedOrder, feedOrderSchema, feedWithdrawalSchema, orderLifecycle } from './order-schema.ts';
import { parseRecord } from '../core/field-validators.ts';

/**
 * Turns one platform-feed item (listing or order, as parsed from JSON) into a SourceItem.
 * Shared by the directory and HTTP adapters, and by the OCDS and CSV adapters, which build
 * feed-shaped orders. Personal data is kept out here, before anything is validated, hashed or
 * archived: only the contract's fields are copied (allow-list.ts), their free text scrubbed;
 * the archived record is that copy, never the body as received.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(raw: unknown, field: string, position: string): string {
  if (isObject(raw)) {
    const v = raw[field];
    // A key that is itself a bad id (control, bidi, 5000 characters) would be stored in the
    // reject row; the record's position names it instead, and the field's issue says why.
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') {
      const key = String(v).trim();
      if (idProblem(key) === null) return key;
    }
  }
  return position;
}

const TOO_DEEP = [{ field: '(record)', reason: `is nested deeper than ${MAX_RECORD_DEPTH} levels` }];

export function parseFeedListing(input: unknown, position: string): SourceItem {
  const key = keyOf(input, 'sku', position);
  if (!isObject(input)) return { kind: 'listing', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  if (nestsDeeperThan(input)) return { kind: 'listing', ok: false, key, issues: TOO_DEEP };
  const { value: raw, dropped, redactions } = keepAllowed(input, LISTING_RULES);
  const parsed = parseRecord(feedListingSchema, raw);
  if (!parsed.ok) return { kind: 'listing', ok: false, key, issues: parsed.issues, dropped };
  return { kind: 'listing', ok: true, key: parsed.value.sku, record: parsed.value, raw, redactions, dropped, cleaned: parsed.cleaned };
}

export function parseFeedOrder(input: unknown, position: string): SourceItem {
  const key = keyOf(input, 'order_no', position);
  if (!isObject(input)) return { kind: 'order', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  if (nestsDeeperThan(input)) return { kind: 'order', ok: false, key, issues: TOO_DEEP };
  const { value: raw, dropped, redactions } = keepAllowed(input, ORDER_RULES);
  const lifecycle = orderLifecycle(raw.status);
  if (lifecycle === undefined) {
    return { kind: 'order', ok: false, key, issues: [{ field: 'status', reason: `is ${quoteValue(raw.status)}, expected completed, refunded, cancelled, returned, pending, paid or shipped` }], dropped };
  }
  if (lifecycle === 'in-progress') {
    return { kind: 'order', ok: 'skipped', key, reason: `status is ${quoteValue(raw.status)}: kept out until the order is completed`, dropped };
  }
  if (lifecycle !== 'completed') {
    // A refund, cancellation or return needs only the order and the time; the rest of the
    // version (often emptied lines) is not published.
    const parsed = parseRecord(feedWithdrawalSchema, raw);
    if (!parsed.ok) return { kind: 'withdrawal', ok: false, key, issues: parsed.issues, dropped };
    const record = { order_no: parsed.value.order_no, status: lifecycle, updated_at: parsed.value.updated_at };
    return { kind: 'withdrawal', ok: true, key: record.order_no, record, raw: record, dropped, cleaned: parsed.cleaned };
  }
  const parsed = parseRecord(feedOrderSchema, raw, fastFeedOrder);
  if (!parsed.ok) return { kind: 'order', ok: false, key, issues: parsed.issues, dropped };
  return { kind: 'order', ok: true, key: parsed.value.order_no, record: parsed.value, raw, redactions, dropped, cleaned: parsed.cleaned };
}
