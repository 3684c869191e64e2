import type { APIRoute } from 'astro';
import { pagesToRender } from '../../../integrations/render-plan.ts';
import { toCsv, type CsvColumn } from '../../../../downloads/csv.ts';
import { fenToYuanString } from '../../../../domain/money.ts';
import { priceSeries } from '../../../render/price-series.ts';

/** The numbers of a product's price chart as CSV: one row per series and day (the chart's own data). */
export function getStaticPaths() {
  // Incremental builds render only changed products (render-plan.ts).
  return pagesToRender('product').map(([sku, seg]) => ({ params: { sku: seg }, props: { sku } }));
}

type Row = { day: string; series: string; price_fen: number };
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'day', kind: 'text', value: (r) => r.day },
  { header: 'series', kind: 'text', value: (r) => r.series },
  { header: 'price_yuan', kind: 'number', value: (r) => fenToYuanString(r.price_fen) },
  { header: 'price_fen', kind: 'number', value: (r) => r.price_fen },
];

export const GET: APIRoute = ({ props }) => {
  const { series } = priceSeries((props as { sku: string }).sku);
  const rows = series.flatMap((s) => s.points.map((p) => ({ day: p.day, series: s.label, price_fen: p.price_fen })));
  rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.series < b.series ? -1 : a.series > b.series ? 1 : a.price_fen - b.price_fen));
  return new Response(toCsv(COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
