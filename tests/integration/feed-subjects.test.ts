import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWriter } from '../../src/db/connection.ts';
import { all } from '../../src/db/queries/db.ts';
import { feedFlags, feedOrders, planFeeds, type FeedSubject } from '../../src/db/queries/feed.ts';
import { FEED_ENTRY_LIMIT } from '../../src/db/queries/paging.ts';
import { seedDb } from '../fixtures/seed-db.ts';

/*
 * An agency's, supplier's or product's feed comes from one windowed query per kind of subject
 * (feed.ts); it must give exactly what the one-query-per-feed form gives. A limit above
 * FEED_ENTRY_LIMIT still takes that per-feed form, so it serves as the reference. The seed is
 * padded with enough orders (some withdrawn, some flagged, ties on the day) for one agency,
 * supplier and product to pass the limit.
 */

let dbPath: string;

beforeAll(async () => {
  dbPath = await seedDb();
  const { sqlite, db } = openWriter(dbPath);
  const base = sqlite.prepare(`SELECT o.order_no FROM orders o JOIN order_lines l ON l.order_no = o.order_no WHERE l.sku IS NOT NULL ORDER BY o.order_no LIMIT 1`).get() as { order_no: string };
  const copyOrder = sqlite.prepare(`INSERT INTO orders SELECT ?, agency_id, supplier_id, ?, ?, total_fen, currency, rating, comment, source,
    evaluated_at, updated_at, record_hash, ingest_run, ?, ? FROM orders WHERE order_no = ?`);
  const copyLines = sqlite.prepare(`INSERT INTO order_lines SELECT ?, line_no, sku, title, brand, model, spec, unit, quantity, unit_price_fen, amount_fen
    FROM order_lines WHERE order_no = ?`);
  const flag = sqlite.prepare(`INSERT INTO flags (rule, subject_type, subject_id, order_no, evidence_json, rule_version, key) VALUES ('split-order', 'order', ?, ?, '{}', '1', ?)`);
  for (let i = 0; i < FEED_ENTRY_LIMIT + 25; i++) {
    const no = `PAD${String(i).padStart(4, '0')}`;
    // Every third order on the same day, so the order number decides between them.
    const day = `2019-0${1 + (i % 9)}-${String(1 + Math.floor(i / 3) % 28).padStart(2, '0')}`;
    const withdrawn = i % 7 === 0 ? `${day}T12:00:00+08:00` : null;
    copyOrder.run(no, `${day}T09:00:00+08:00`, `${day}T10:00:00+08:00`, withdrawn ? 'refunded' : 'completed', withdrawn, base.order_no);
    copyLines.run(no, base.order_no);
    if (i % 2 === 0) flag.run(no, no, `pad-${i}`);
  }
  await db.destroy();
  process.env.SUNSHINE_DB = dbPath;
});

afterAll(() => {
  delete process.env.SUNSHINE_DB;
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('feeds of agencies, suppliers and products', () => {
  it('equal the one-query-per-feed result for every subject, at and below the limit', () => {
    const subjects: FeedSubject[] = [
      ...all<{ id: string }>('SELECT id FROM agencies').map((r) => ({ kind: 'agency' as const, id: r.id })),
      ...all<{ id: string }>('SELECT id FROM suppliers').map((r) => ({ kind: 'supplier' as const, id: r.id })),
      ...all<{ sku: string }>('SELECT sku FROM listings').map((r) => ({ kind: 'product' as const, id: r.sku })),
      { kind: 'agency', id: 'NO-SUCH-AGENCY' },
    ];
    let full = 0;
    for (const s of subjects) {
      const reference = feedOrders(FEED_ENTRY_LIMIT + 1, s).slice(0, FEED_ENTRY_LIMIT);
      expect(feedOrders(FEED_ENTRY_LIMIT, s), JSON.stringify(s)).toEqual(reference);
      expect(feedOrders(7, s)).toEqual(reference.slice(0, 7));
      expect(feedFlags(FEED_ENTRY_LIMIT, s), JSON.stringify(s)).toEqual(feedFlags(FEED_ENTRY_LIMIT + 1, s).slice(0, FEED_ENTRY_LIMIT));
      if (reference.length === FEED_ENTRY_LIMIT) full++;
    }
    // The padding put one agency, one supplier and one product over the limit.
    expect(full).toBeGreaterThanOrEqual(3);
  });

  it('with a plan, reads the planned subjects together and still answers any other', () => {
    const agencies = all<{ id: string }>('SELECT id FROM agencies ORDER BY id').map((r) => r.id);
    const reference = (id: string) => [feedOrders(FEED_ENTRY_LIMIT + 1, { kind: 'agency', id }).slice(0, FEED_ENTRY_LIMIT), feedFlags(FEED_ENTRY_LIMIT + 1, { kind: 'agency', id }).slice(0, FEED_ENTRY_LIMIT)];
    const planned = agencies.filter((_, i) => i % 2 === 0);
    planFeeds('agency', planned);
    for (const id of agencies) {
      expect([feedOrders(FEED_ENTRY_LIMIT, { kind: 'agency', id }), feedFlags(FEED_ENTRY_LIMIT, { kind: 'agency', id })], id).toEqual(reference(id));
    }
  });
});
