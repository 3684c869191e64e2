import { redactText } from '../../domain/redact.ts';
import type { SourceItem } from '../source.ts';
import { feedListingSchema } from '../validate/feed-listing.ts';
import { feedOrderSchema, feedWithdrawalSchema, orderLifecycle } from '../validate/feed-order.ts';
import { parseRecord } from '../validate/zod-helpers.ts';

/**
 * Turns one platform-feed item (listing or order, as parsed from JSON) into a SourceItem.
 * Shared by the directory and HTTP adapters. Personal data is removed here, before anything
 * is validated, hashed or archived: the `contact` object is dropped and the evaluation
 * comment is scrubbed of phone/ID numbers and of the contact's name.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(raw: unknown, field: string, position: string): string {
  if (isObject(raw)) {
    const v = raw[field];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v).trim();
  }
  return position;
}

/** Returns a copy of an order without personal data, and how many spans of free text were scrubbed. */
export function redactFeedOrder(raw: Record<string, unknown>): { order: Record<string, unknown>; redactions: number } {
  const { contact, ...order } = raw;
  const names: string[] = [];
  if (isObject(contact) && typeof contact.name === 'string') names.push(contact.name);
  let redactions = 0;
  if (isObject(order.evaluation) && typeof order.evaluation.comment === 'string') {
    const r = redactText(order.evaluation.comment, names);
    redactions += r.count;
    order.evaluation = { ...order.evaluation, comment: r.text };
  }
  return { order, redactions };
}

export function parseFeedListing(raw: unknown, position: string): SourceItem {
  const key = keyOf(raw, 'sku', position);
  if (!isObject(raw)) return { kind: 'listing', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  const parsed = parseRecord(feedListingSchema, raw);
  if (!parsed.ok) return { kind: 'listing', ok: false, key, issues: parsed.issues };
  return { kind: 'listing', ok: true, key: parsed.value.sku, record: parsed.value, raw };
}

export function parseFeedOrder(input: unknown, position: string): SourceItem {
  const key = keyOf(input, 'order_no', position);
  if (!isObject(input)) return { kind: 'order', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  const { order: raw, redactions } = redactFeedOrder(input);
  const lifecycle = orderLifecycle(raw.status);
  if (lifecycle === undefined) {
    const shown = typeof raw.status === 'string' ? `"${raw.status.slice(0, 40)}"` : raw.status === undefined ? 'missing' : 'not text';
    return { kind: 'order', ok: false, key, issues: [{ field: 'status', reason: `is ${shown}, expected completed, refunded, cancelled, returned, pending, paid or shipped` }] };
  }
  if (lifecycle === 'in-progress') {
    return { kind: 'order', ok: 'skipped', key, reason: `status is "${String(raw.status)}": kept out until the order is completed` };
  }
  if (lifecycle !== 'completed') {
    // A refund, cancellation or return needs only the order and the time; the rest of the
    // version (often emptied lines) is not published.
    const parsed = parseRecord(feedWithdrawalSchema, raw);
    if (!parsed.ok) return { kind: 'withdrawal', ok: false, key, issues: parsed.issues };
    const record = { order_no: parsed.value.order_no, status: lifecycle, updated_at: parsed.value.updated_at };
    return { kind: 'withdrawal', ok: true, key: record.order_no, record, raw: record };
  }
  const parsed = parseRecord(feedOrderSchema, raw);
  if (!parsed.ok) return { kind: 'order', ok: false, key, issues: parsed.issues };
  return { kind: 'order', ok: true, key: parsed.value.order_no, record: parsed.value, raw, redactions };
}
