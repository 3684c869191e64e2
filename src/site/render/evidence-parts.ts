import type { EvidenceNames } from '../../db/queries/names.ts';
import { ev } from '../../i18n/evidence.ts';
import { retailerName } from '../../i18n/zh-CN.ts';
import { formatDayIso, formatDayText } from '../format/date.ts';
import { formatYuan } from '../format/money.ts';
import { agencyPath, categoryPath, orderPath, productPath, supplierPath } from '../format/paths.ts';
import { safeHttpUrl } from '../format/url.ts';

/** The pieces flag evidence is made of (see evidence.ts), shared by the per-rule views. */
export interface EvidencePart { text: string; href?: string; external?: boolean }
export type Cell = EvidencePart[];
export interface EvidenceItem { key: string; label: string; parts: Cell }
export interface EvidenceTable {
  caption: string;
  columns: { label: string; num?: boolean }[];
  rows: Cell[][];
  /** A closing row (label, then cells for the remaining columns). */
  foot?: Cell[];
}
export interface EvidenceView { items: EvidenceItem[]; tables: EvidenceTable[] }


// The names lookup is the database's answer (db/queries/names.ts); the view only reads it.
export type { EvidenceNames };

/** Where the evidence is shown: on an order page, the order itself and its parties need no repeating. */
export interface EvidenceContext {
  names?: EvidenceNames;
  orderNo?: string;
  agencyId?: string;
  supplierId?: string;
}

export type EvidenceJson = Record<string, unknown>;
export const isObj = (v: unknown): v is EvidenceJson => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseEvidence(json: string): EvidenceJson | null {
  try {
    const v: unknown = JSON.parse(json);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}

// ── parts ────────────────────────────────────────────────────────────────────────────────
export const text = (t: string): EvidencePart => ({ text: t });
export const money = (fen: number): EvidencePart => text(formatYuan(fen));
export const dayText = (d: string) => formatDayText(d);
export const dayIso = (d: string) => formatDayIso(d);

export function orderLink(no: string, ctx: EvidenceContext): Cell {
  return no === ctx.orderNo ? [text(`${no}（${ev.thisOrder}）`)] : [{ text: no, href: orderPath(no) }];
}
export const agencyLink = (id: string, ctx: EvidenceContext): EvidencePart => ({ text: ctx.names?.agency?.(id) ?? id, href: agencyPath(id) });
export const supplierLink = (id: string, ctx: EvidenceContext): EvidencePart => ({ text: ctx.names?.supplier?.(id) ?? id, href: supplierPath(id) });
export const categoryLink = (code: string, ctx: EvidenceContext): EvidencePart => ({ text: ctx.names?.category?.(code) ?? code, href: categoryPath(code) });
export const productLink = (sku: string, ctx: EvidenceContext): EvidencePart => {
  const title = ctx.names?.product?.(sku);
  return { text: title ? `${title}（${sku}）` : sku, href: productPath(sku) };
};
/** A retail page as evidence: shown as its address, so a reader sees where it points. */
export function urlPart(url: string): EvidencePart {
  const safe = safeHttpUrl(url);
  return safe ? { text: url, href: safe, external: true } : text(url);
}
export const retailer = (code: string) => retailerName(code);

// ── reading evidence, remembering which keys were used ───────────────────────────────────
export class Reader {
  private readonly used = new Set<string>();
  readonly data: EvidenceJson;
  constructor(data: EvidenceJson) {
    this.data = data;
  }
  /** A value of the expected type, marked as shown; anything else is left for the generic reading. */
  private take<T>(k: string, ok: (v: unknown) => v is T): T | undefined {
    const v = this.data[k];
    if (!ok(v)) return undefined;
    this.used.add(k);
    return v;
  }
  num(k: string): number | undefined {
    return this.take(k, (v): v is number => typeof v === 'number' && Number.isFinite(v));
  }
  str(k: string): string | undefined {
    return this.take(k, (v): v is string => typeof v === 'string' && v !== '');
  }
  obj(k: string): EvidenceJson | undefined {
    return this.take(k, isObj);
  }
  list(k: string): EvidenceJson[] {
    return this.take(k, (v): v is unknown[] => Array.isArray(v) && v.every(isObj))?.filter(isObj) ?? [];
  }
  /** Internal keys (group ids, observation row ids) that mean nothing to a reader. */
  hide(...ks: string[]): void {
    for (const k of ks) this.used.add(k);
  }
  rest(): [string, unknown][] {
    return Object.entries(this.data).filter(([k]) => !this.used.has(k));
  }
}

/** Builds the rows of one view; a row whose value is missing is simply not shown. */
export class ViewBuilder {
  readonly items: EvidenceItem[] = [];
  readonly tables: EvidenceTable[] = [];
  row(key: string, label: string, parts: Cell | undefined | false): void {
    if (parts && parts.length > 0) this.items.push({ key, label, parts });
  }
}

export type RuleView = (r: Reader, b: ViewBuilder, ctx: EvidenceContext) => void;

