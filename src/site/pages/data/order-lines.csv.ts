import type { APIRoute } from 'astro';
import { connection } from '../../../db/queries/db.ts';
import { orderLinesCsv } from '../../../downloads/datasets.ts';

/** /data/order-lines.csv — 每一条采购明细及其零售参考价和差价. Prerendered at build time from the read-only database. */
export const prerender = true;

export const GET: APIRoute = () =>
  new Response(orderLinesCsv(connection()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
