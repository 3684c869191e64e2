import type { APIRoute } from 'astro';
import { connection } from '../../../db/queries/db.ts';
import { ordersJson } from '../../../downloads/datasets.ts';

/** /data/orders.json — 全部采购及明细和异常（JSON）. Prerendered at build time from the read-only database. */
export const prerender = true;

export const GET: APIRoute = () =>
  new Response(ordersJson(connection()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
