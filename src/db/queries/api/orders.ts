import type { ApiDb } from './read-db.ts';
import { orderIndex, type OrderListItem, type OrderSums } from './order-index.ts';
import { selectOrders } from './order-select.ts';

export type { OrderListItem, OrderSums };
import type { OrdersQuery } from './filters.ts';


export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

/** One page of orders: filtered, sorted and built in memory by the per-version index (order-index.ts),
 *  with the totals of every matching order. */
export async function listOrders(d: ApiDb, q: OrdersQuery): Promise<Page<OrderListItem> & { sums: OrderSums }> {
  const ix = await orderIndex(d);
  const { total, page, sums } = selectOrders(ix, q);
  return { items: page.map((i) => ix.items[i]!), total, page: q.page, per_page: q.per_page, sums };
}
