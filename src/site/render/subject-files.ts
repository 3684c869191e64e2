import { productBySku } from '../../db/queries/product-page.ts';
import { agencyById, supplierById } from '../../db/queries/parties.ts';
import type { PageKind } from '../../db/queries/page-inputs.ts';
import { toCsv, type CsvColumn } from '../../downloads/csv.ts';
import { fenToYuanString } from '../../domain/money.ts';
import { t } from '../../i18n/zh-CN.ts';
import { agencyPath, productPath, supplierPath } from '../format/paths.ts';
import { atomFeed, feedPathOf } from './atom.ts';
import { priceSeries } from './price-series.ts';

/**
 * The files beside a product's, agency's or supplier's page, in its folder: its Atom feed and,
 * for a product, its price chart's numbers as CSV. They are data, not pages — no layout, no
 * components — so the build writes them straight to disk (integrations/subject-files.ts)
 * instead of as Astro endpoints, which cost ≈0.76 ms of Astro's per-file machinery each: at
 * 20k orders the 17.3k files took 13 s of a 42 s render that way.
 */
export interface SubjectFile {
  /** The file's name in the page's folder. */
  name: string;
  body: (id: string, ctx: { site: URL | undefined; updated: string | undefined }) => string;
}

/** Follow one product: who bought it, at what price, withdrawals and flags. */
const productFeed: SubjectFile = {
  name: 'feed.xml',
  body: (sku, { site, updated }) =>
    atomFeed({ subject: { kind: 'product', id: sku }, title: `${t.site.name}：${productBySku(sku)?.title ?? sku}的采购`, selfPath: feedPathOf(productPath(sku)), pagePath: productPath(sku), site, updated }),
};

/** Follow one agency: its new purchases, withdrawals and flags. */
const agencyFeed: SubjectFile = {
  name: 'feed.xml',
  body: (id, { site, updated }) =>
    atomFeed({ subject: { kind: 'agency', id }, title: `${t.site.name}：${agencyById(id)?.name ?? id}的采购与异常`, selfPath: feedPathOf(agencyPath(id)), pagePath: agencyPath(id), site, updated }),
};

/** Follow one supplier: its new purchases, withdrawals and flags. */
const supplierFeed: SubjectFile = {
  name: 'feed.xml',
  body: (id, { site, updated }) =>
    atomFeed({ subject: { kind: 'supplier', id }, title: `${t.site.name}：${supplierById(id)?.name ?? id}的成交与异常`, selfPath: feedPathOf(supplierPath(id)), pagePath: supplierPath(id), site, updated }),
};

type HistoryRow = { day: string; series: string; price_fen: number };
const HISTORY_COLUMNS: CsvColumn<HistoryRow>[] = [
  { header: 'day', kind: 'text', value: (r) => r.day },
  { header: 'series', kind: 'text', value: (r) => r.series },
  { header: 'price_yuan', kind: 'number', value: (r) => fenToYuanString(r.price_fen) },
  { header: 'price_fen', kind: 'number', value: (r) => r.price_fen },
];

/** The numbers of a product's price chart: one row per series and day (the chart's own data, priceSeries). */
const priceHistoryCsv: SubjectFile = {
  name: 'history.csv',
  body: (sku) => {
    const rows = priceSeries(sku).series.flatMap((s) => s.points.map((p) => ({ day: p.day, series: s.label, price_fen: p.price_fen })));
    rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.series < b.series ? -1 : a.series > b.series ? 1 : a.price_fen - b.price_fen));
    return toCsv(HISTORY_COLUMNS, rows);
  },
};

/** Each kind's files besides its index.html (orders have none). */
export const SUBJECT_FILES: Record<PageKind, SubjectFile[]> = {
  order: [],
  product: [priceHistoryCsv, productFeed],
  agency: [agencyFeed],
  supplier: [supplierFeed],
};
