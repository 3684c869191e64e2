import { redactText } from '../../domain/redact.ts';
import { idProblem } from '../../domain/clean-text.ts';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from '../validate/json-depth.ts';
import type { SourceItem } from '../source.ts';
import { feedListingSchema } from '../validate/feed-listing.ts';
import { feedOrderSchema, ORDER_STATUSES } from '../validate/feed-order.ts';
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
    // A key that is itself a bad id (control, bidi, 5000 characters) would be stored in the
    // reject row; the record's position names it instead, and the field's issue says why.
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') {
      const key = String(v).trim();
      if (idProblem(key) === null) return key;
    }
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

const TOO_DEEP = [{ field: '(record)', reason: `is nested deeper than ${MAX_RECORD_DEPTH} levels` }];

export function parseFeedListing(raw: unknown, position: string): SourceItem {
  const key = keyOf(raw, 'sku', position);
  if (!isObject(raw)) return { kind: 'listing', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  if (nestsDeeperThan(raw)) return { kind: 'listing', ok: false, key, issues: TOO_DEEP };
  const parsed = parseRecord(feedListingSchema, raw);
  if (!parsed.ok) return { kind: 'listing', ok: false, key, issues: parsed.issues };
  return { kind: 'listing', ok: true, key: parsed.value.sku, record: parsed.value, raw, cleaned: parsed.cleaned };
}

export function parseFeedOrder(input: unknown, position: string): SourceItem {
  const key = keyOf(input, 'order_no', position);
  if (!isObject(input)) return { kind: 'order', ok: false, key, issues: [{ field: '(record)', reason: 'is not a JSON object' }] };
  if (nestsDeeperThan(input)) return { kind: 'order', ok: false, key, issues: TOO_DEEP };
  const { order: raw, redactions } = redactFeedOrder(input);
  const status = raw.status;
  if (typeof status === 'string' && status !== 'completed' && (ORDER_STATUSES as readonly string[]).includes(status)) {
    return { kind: 'order', ok: 'skipped', key, reason: `status is "${status}"; only completed orders are kept` };
  }
  const parsed = parseRecord(feedOrderSchema, raw);
  if (!parsed.ok) return { kind: 'order', ok: false, key, issues: parsed.issues };
  const { status: _status, ...record } = parsed.value;
  return { kind: 'order', ok: true, key: record.order_no, record, raw, redactions, cleaned: parsed.cleaned };
}
