import { t } from '../../i18n/zh-CN.ts';
import { html } from './html.ts';
import { formatBp } from '../format/percent.ts';
import { sortAmount, sortGap } from './pagefind.ts';

export interface PagefindTags {
  filters: Record<string, (string | null | undefined)[]>;
  date: string;
  amountFen: number;
  /** The page's gap; undefined when it has none of its own (a product's listing): sorted as no reference, not shown. */
  gapBp?: number | null;
  /** The amount as shown in a search result (the gap shown is derived from gapBp). */
  amountText: string;
  /** What the page is (采购记录, 商品, 采购单位, 供应商), shown on its search result. */
  kind: string;
  /** The buying agency, shown on a purchase's search result. */
  agency?: string;
  keywords?: string[];
}

/**
 * Pagefind filters, sorts and metadata for an indexed page, as empty elements using the
 * inline `key:value` form (the value runs to the end of the attribute, so commas in names are
 * safe). Every indexed page passes every sort key (date, amount, gap): a page missing one
 * drops out of results sorted by it (STACK-NOTES). Keywords (shown as visible text, so the
 * index holds nothing a reader cannot see) help Chinese queries that the segmenter would
 * otherwise split differently (short names, model numbers, brand in both scripts).
 */
export function pagefindTagsHtml({ filters, date, amountFen, gapBp, amountText, kind, agency, keywords = [] }: PagefindTags): string {
  // What a search result shows beside the title: type, date, agency, amount and gap.
  const meta: Record<string, string> = { kind, date, ...(agency ? { agency } : {}), amount: amountText };
  if (gapBp !== undefined) meta.gap = gapBp === null ? t.gap.noRef : formatBp(gapBp);
  // The sort keys as text too: a sorted search merges the results of the index shards by them (client/search.ts).
  meta.amount_key = sortAmount(amountFen);
  meta.gap_key = sortGap(gapBp ?? null);
  // The type is a filter too, so the index counts each kind of page (a test compares the purchases
  // it counts with the overview, /data/ and the database).
  const filterPairs = Object.entries({ kind: [kind], ...filters }).flatMap(([k, vs]) =>
    [...new Set(vs.filter((v): v is string => !!v && v.trim() !== ''))].map((v) => `${k}:${v.trim()}`),
  );
  const sorts = [`date:${date}`, `amount:${sortAmount(amountFen)}`, `gap:${sortGap(gapBp ?? null)}`];
  const kw = [...new Set(keywords.filter((k) => k && k.trim() !== ''))];
  return html`<div hidden>${filterPairs.map((f) => html`<span data-pagefind-filter="${f}"></span>`)}${sorts.map((s) => html`<span data-pagefind-sort="${s}"></span>`)}${Object.entries(meta).map(([k, v]) => html`<span data-pagefind-meta="${`${k}:${v}`}"></span>`)}</div>${kw.length > 0 && html`<p class="keywords" aria-hidden="true">${kw.join(' ')}</p>`}`.html;
}
