import type { APIRoute } from 'astro';
import { connection } from '../../../db/queries/db.ts';
import { ordersCsv } from '../../../downloads/datasets.ts';

/** /data/orders.csv — 每一笔采购（订单）. Prerendered at build time from the read-only database. */
export const prerender = true;

export const GET: APIRoute = () =>
  new Response(ordersCsv(connection()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
