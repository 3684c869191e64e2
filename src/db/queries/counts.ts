import { memo, one } from './db.ts';

/**
 * The site's headline counts, each defined once (DESIGN §8: a page, the overview, the search
 * index and /data/ count the same things). A purchase counts when it is completed; a refunded,
 * cancelled or returned order keeps its page and its row in the downloads (marked) but is
 * counted apart, never with the purchases.
 */
export interface SiteCounts {
  /** Purchases that count: status 'completed'. */
  orders: number;
  /** Orders undone by a refund, cancellation or return. */
  withdrawn: number;
  /** Lines of the purchases that count. */
  lines: number;
  flags: number;
}

export const siteCounts = memo((): SiteCounts => {
  const o = one<{ orders: number; withdrawn: number }>(
    `SELECT COALESCE(SUM(status = 'completed'), 0) AS orders, COALESCE(SUM(status <> 'completed'), 0) AS withdrawn FROM orders`,
  );
  const lines = one<{ n: number }>(
    `SELECT COUNT(*) AS n FROM order_lines l JOIN orders o ON o.order_no = l.order_no WHERE o.status = 'completed'`,
  );
  const flags = one<{ n: number }>(`SELECT COUNT(*) AS n FROM flags`);
  return { orders: o?.orders ?? 0, withdrawn: o?.withdrawn ?? 0, lines: lines?.n ?? 0, flags: flags?.n ?? 0 };
});
