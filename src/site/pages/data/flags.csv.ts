import type { APIRoute } from 'astro';
import { connection } from '../../../db/queries/db.ts';
import { flagsCsv } from '../../../downloads/datasets.ts';

/** /data/flags.csv — 每一条待核实的异常及其证据. Prerendered at build time from the read-only database. */
export const prerender = true;

export const GET: APIRoute = () =>
  new Response(flagsCsv(connection()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
