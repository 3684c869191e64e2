import { createHash } from 'node:crypto';
import { listedMonths, neighbourMonths, orderPageMonths } from '../../db/queries/orders.ts';
import { pageBasis, type ContentVersion } from '../../db/queries/page-inputs.ts';

/**
 * The data version of each month's purchase lists (/orders/month/YYYY-MM/, every sort and page),
 * from the page versions of the month's orders (content_versions), withdrawn ones included: a
 * list row shows only what its order page's inputs hold (db/queries/orders.ts, SUMMARY_SQL), so
 * a month's lists change exactly when one of its orders' pages does, or when what every list
 * page shows beside its rows does (the site-wide inputs, the filter form's years, the neighbouring
 * months the navigation links to). `updated_at` is when the newest of those order versions changed.
 * A month with an order the versions step has not recorded has no version and is always rendered.
 * Computed from the database alone, so a full rebuild shows the same versions.
 */
export function monthVersions(orderVersions: ReadonlyMap<string, ContentVersion>): Map<string, ContentVersion> {
  const { shared, years } = pageBasis();
  const months = listedMonths().map((m) => m.month);
  const ordersOf = new Map<string, string[]>();
  for (const [no, month] of orderPageMonths()) {
    const list = ordersOf.get(month);
    if (list) list.push(no);
    else ordersOf.set(month, [no]);
  }
  const out = new Map<string, ContentVersion>();
  for (const month of months) {
    const { newer, older } = neighbourMonths(month);
    const neighbours = `${newer ?? ''} ${older ?? ''}`;
    const h = createHash('sha256').update(shared).update('\u0000').update(years).update('\u0000').update(neighbours).update('\u0000').update(month);
    let updated = '';
    let complete = true;
    for (const no of ordersOf.get(month) ?? []) {
      const v = orderVersions.get(no);
      if (!v) {
        complete = false;
        break;
      }
      h.update('\u0000').update(no).update('\u0000').update(v.hash);
      if (v.updated_at > updated) updated = v.updated_at;
    }
    if (complete) out.set(month, { hash: h.digest('hex'), updated_at: updated });
  }
  return out;
}
