import { ev, genericEvidenceLabels } from '../../i18n/evidence.ts';
import { formatYuan } from '../format/money.ts';
import { formatBp } from '../format/percent.ts';
import { orderPath } from '../format/paths.ts';
import { safeHttpUrl } from '../format/url.ts';
import { RULE_VIEWS } from './evidence-rules.ts';
import {
  agencyLink, categoryLink, dayText, isObj, money, parseEvidence, productLink, Reader, retailer, supplierLink, text, urlPart, ViewBuilder,
  type EvidenceContext, type EvidenceItem, type EvidencePart, type EvidenceView, type EvidenceJson,
} from './evidence-parts.ts';

export type { Cell, EvidenceContext, EvidenceItem, EvidenceNames, EvidencePart, EvidenceTable, EvidenceView } from './evidence-parts.ts';
export { parseEvidence } from './evidence-parts.ts';

/**
 * A flag's evidence_json as a reader sees it: labelled rows of formatted parts (money, signed
 * percentages, days, links to orders, parties and products, retail evidence links) and, for
 * the rules about several purchases, a small table of them. Each rule's shape is described in
 * evidence-rules.ts; keys a rule does not describe (a newer rule version, an unknown rule) are
 * still shown through the generic reading below, so no evidence is ever hidden.
 * Pure: names come from the caller (the page looks them up), text is escaped by Astro.
 */
// ── generic reading (unknown rules, unknown keys) ────────────────────────────────────────
function scalar(key: string, v: unknown, ctx: EvidenceContext): EvidencePart {
  if (typeof v === 'number') {
    if (key.endsWith('_fen')) return money(v);
    if (key.endsWith('_bp')) return text(formatBp(v));
    return text(String(v));
  }
  if (typeof v === 'string') {
    if (safeHttpUrl(v)) return urlPart(v);
    if (key === 'order_no' || key === 'order_nos' || key.endsWith('_order_no')) return { text: v, href: orderPath(v) };
    if (key === 'sku' || key === 'skus') return productLink(v, ctx);
    if (key === 'agency_id' || key === 'agency_ids') return agencyLink(v, ctx);
    if (key === 'supplier_id') return supplierLink(v, ctx);
    if (key === 'category_code') return categoryLink(v, ctx);
    if (key.endsWith('retailer')) return text(retailer(v));
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return text(dayText(v));
    return text(v);
  }
  if (v === null || v === undefined) return text('—');
  if (typeof v === 'boolean') return text(v ? '是' : '否');
  return text(JSON.stringify(v));
}

/** {day, price_fen} → "2018-07-01 ¥1,730.00"; other objects as their values in order. */
function objectText(v: EvidenceJson): string {
  return Object.entries(v)
    .map(([k, x]) => (typeof x === 'number' && k.endsWith('_fen') ? formatYuan(x) : typeof x === 'number' && k.endsWith('_bp') ? formatBp(x) : typeof x === 'string' ? x : JSON.stringify(x)))
    .join(' ');
}

function genericItem(key: string, v: unknown, ctx: EvidenceContext): EvidenceItem {
  const label = genericEvidenceLabels[key] ?? key;
  const one = (x: unknown): EvidencePart => (isObj(x) ? text(objectText(x)) : scalar(key, x, ctx));
  const parts = Array.isArray(v) ? v.flatMap((x, i) => (i > 0 ? [text('、'), one(x)] : [one(x)])) : [one(v)];
  return { key, label, parts };
}

export function evidenceView(rule: string, json: string, ctx: EvidenceContext = {}): EvidenceView {
  const data = parseEvidence(json);
  if (!data) return { items: [{ key: 'raw', label: ev.fallback, parts: [text(json)] }], tables: [] };
  const r = new Reader(data);
  const b = new ViewBuilder();
  RULE_VIEWS[rule]?.(r, b, ctx);
  for (const [k, v] of r.rest()) b.items.push(genericItem(k, v, ctx));
  return { items: b.items, tables: b.tables };
}

export { evidenceRefs } from '../../domain/evidence-refs.ts';
