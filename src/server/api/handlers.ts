import { orderIndex } from '../../db/queries/api/order-index.ts';
import { toCsv } from '../../downloads/csv.ts';
import { apiDb, type ApiDb } from './db.ts';
import { badRequest, notFound } from './errors.ts';
import { FLAG_COLUMNS, ORDER_COLUMNS } from '../../downloads/datasets.ts';
import { flagRowsFor, orderRowsFor } from '../../db/queries/datasets.ts';
import { listFlags } from '../../db/queries/api/flags.ts';
import { parseFlagsQuery, parseNoParams } from './flags-query.ts';
import { getOrder } from '../../db/queries/api/order-detail.ts';
import { listOrders } from '../../db/queries/api/orders.ts';
import { parseOrdersQuery } from './orders-query.ts';
import { MAX_TEXT } from './params.ts';
import { productPrices } from '../../db/queries/api/products.ts';
import { answerResponse, cacheKey, keepAnswer } from './response-cache.ts';
import { cachedReply, offerApiFront, rememberRoute } from './fast-answer.ts';
import { csvResponse, errorResponse, etagFor, jsonResponse, notModified, notModifiedResponse } from './respond.ts';

/**
 * The endpoints as plain `Request → Response` functions, so tests can call them without a
 * server and the Astro route files stay one line each. Order of work: the cached answer (or
 * its 304); else validate the input (400 before touching the database), query, and answer 304
 * if the client holds this data version and the answer is a 200.
 */

type Handler = (request: Request, id?: string) => Promise<Response>;

offerApiFront();

function endpoint<P>(parse: (url: URL, id?: string) => P, run: (input: P, d: ApiDb, etag: string) => Promise<Response>): Handler {
  const handler: Handler = async (request, id) => {
    try {
      const url = new URL(request.url);
      // The front may send this path here itself from now on (fast-answer.ts).
      rememberRoute(url.pathname, (r) => handler(r, id));
      // Valid input only reaches the cache, so a hit needs no parsing (fast-answer.ts).
      const cached = cachedReply(url, request.headers.get('if-none-match'));
      if (cached) return answerResponse(cached);
      const input = parse(url, id);
      const d = apiDb();
      // Start loading the list index with the first request to a newly published database
      // (about a second at 20,000 orders on a cold cache); later calls return the same load.
      void orderIndex(d).catch((e) => console.error('[api] order index:', e instanceof Error ? e.message : e));
      const etag = etagFor(d.version);
      const answer = await keepAnswer(d.version, cacheKey(url), await run(input, d, etag));
      // If-None-Match counts only where the answer is a 200 (RFC 9110 §13.2.1).
      return answer.status === 200 && notModified(request, etag) ? notModifiedResponse(etag) : answer;
    } catch (e) {
      return errorResponse(e);
    }
  };
  return handler;
}

/** A path id: present, short, no control characters. Anything else is a 400, never a query. */
function checkId(parameter: string, id: string | undefined): string {
  if (id === undefined || id === '') throw badRequest(parameter, `missing ${parameter}`);
  if ([...id].length > MAX_TEXT || /[\u0000-\u001F\u007F-\u009F]/.test(id)) {
    throw badRequest(parameter, `${parameter} is not a valid identifier`);
  }
  return id;
}

export const ordersHandler: Handler = endpoint(parseOrdersQuery, async (q, d, etag) => {
  const page = await listOrders(d, q);
  // The same rows, columns and meanings as /data/orders.csv: one dataset, one definition.
  if (q.format === 'csv') {
    return csvResponse(toCsv(ORDER_COLUMNS, orderRowsFor(d.sqlite, page.items.map((o) => o.order_no))), `orders-page-${page.page}.csv`, etag, page.total);
  }
  return jsonResponse(page, etag);
});

export const orderHandler: Handler = endpoint(
  (url, id) => {
    parseNoParams(url);
    return checkId('order_no', id);
  },
  async (orderNo, d, etag) => {
    const order = await getOrder(d.db, orderNo);
    if (!order) throw notFound(`no purchase with order_no "${orderNo.slice(0, 64)}"`);
    return jsonResponse(order, etag);
  },
);

export const productPricesHandler: Handler = endpoint(
  (url, id) => {
    parseNoParams(url);
    return checkId('sku', id);
  },
  async (sku, d, etag) => {
    const prices = await productPrices(d, sku);
    if (!prices) throw notFound(`no product with sku "${sku.slice(0, 64)}"`);
    return jsonResponse(prices, etag);
  },
);

export const flagsHandler: Handler = endpoint(parseFlagsQuery, async (q, d, etag) => {
  const page = await listFlags(d.db, q);
  if (q.format === 'csv') {
    return csvResponse(toCsv(FLAG_COLUMNS, flagRowsFor(d.sqlite, page.items.map((f) => f.id))), `flags-page-${page.page}.csv`, etag, page.total);
  }
  return jsonResponse(page, etag);
});
