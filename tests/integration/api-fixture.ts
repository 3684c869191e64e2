import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWriter } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fillOrderGaps } from '../fixtures/order-gaps.ts';

/**
 * A deterministic database for the API tests and the API benchmark, written with plain SQL
 * (no analyze run needed). `orders` purchases spread over 2018-07..2019-06 across 20 agencies,
 * 8 suppliers and 3 skus; every 7th order has a low rating flag, every 5th line a 25 % gap.
 * Two rows are adversarial on purpose: a supplier name that is a spreadsheet formula and an
 * order number with a slash.
 */
export async function seedApiDb(opts: { orders: number; dir?: string }): Promise<string> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'api-db-'));
  const dbPath = path.join(dir, 'sunshine.db');
  const { sqlite, db } = openWriter(dbPath);
  try {
    await migrateToLatest(db);
    sqlite.exec('BEGIN');
    const ins = (sql: string) => sqlite.prepare(sql);
    const agency = ins(`INSERT INTO agencies (id, name) VALUES (?, ?)`);
    for (let i = 1; i <= 20; i++) agency.run(`A${String(i).padStart(3, '0')}`, `示例县第${i}采购单位`);
    const supplier = ins(`INSERT INTO suppliers (id, name, credit_code) VALUES (?, ?, NULL)`);
    for (let i = 1; i <= 8; i++) supplier.run(`S${String(i).padStart(2, '0')}`, i === 8 ? '=HYPERLINK("http://evil","x")' : `示例供应商${i}`);
    ins(`INSERT INTO categories (code, name, parent_code) VALUES ('A02021001', '打印机', NULL), ('A06040200', '复印纸', NULL)`).run();
    const listing = ins(
      `INSERT INTO listings (sku, supplier_id, category_code, brand, model, title, spec, unit, price_fen, status, updated_at, gtin, source, record_hash, ingest_run)
       VALUES (?, 'S01', ?, ?, ?, ?, NULL, ?, ?, 'on_sale', '2018-07-01T09:00:00+08:00', NULL, 'feed:test', 'h', 1)`,
    );
    listing.run('SKU-P1', 'A02021001', '惠普', 'M202dw', '惠普 M202dw 打印机', '台', 173000);
    listing.run('SKU-P2', 'A02021001', '兄弟', 'HL-2260D', '兄弟 HL-2260D 打印机', '台', 99900);
    listing.run('SKU-C1', 'A06040200', '得力', 'A4-70g', '得力 A4 70g 复印纸', '箱', 15000);
    ins(`INSERT INTO listing_prices (sku, day, price_fen) VALUES ('SKU-P1', '2018-07-01', 173000), ('SKU-P1', '2018-08-01', 175000)`).run();
    ins(`INSERT INTO matches (sku, product_key, method, confidence) VALUES ('SKU-P1', 'hp:M202DW', 'model', 0.95), ('SKU-P2', 'brother:HL2260D', 'model', 0.9), ('SKU-C1', NULL, 'none', 0)`).run();
    const obs = ins(
      `INSERT INTO retail_observations (retailer, brand, model, title, unit, price_fen, currency, observed_on, url, self_operated, spec, gtin, price_kind, source)
       VALUES (?, ?, ?, ?, '台', ?, ?, ?, ?, 1, NULL, NULL, ?, 'retail:test')`,
    );
    // The product key analyze would give each observation (retail_product_keys).
    const keyOf = ins(`INSERT INTO retail_product_keys (observation_id, product_key) VALUES (?, ?)`);
    const hp = (retailer: string, price: number, day: string, url: string, kind = 'sale', currency = 'CNY') => {
      const id = Number(obs.run(retailer, '惠普', 'M202dw', '惠普 M202dw', price, currency, day, url, kind).lastInsertRowid);
      keyOf.run(id, 'hp:M202DW');
      return id;
    };
    const refId = hp('suning', 185900, '2018-07-01', 'https://example.com/suning/1');
    hp('jd', 179900, '2018-07-02', 'https://example.com/jd/1');
    hp('jd', 178900, '2018-08-02', 'https://example.com/jd/1');
    hp('jd', 229900, '2018-08-02', 'https://example.com/jd/1', 'list'); // a 划线价: never in a series
    // Never a line's reference, and under other brand/model words: found only by its key.
    const tmall = Number(obs.run('tmall', 'HP', 'LaserJet Pro M202dw', 'HP LaserJet Pro M202dw', 180500, 'CNY', '2018-09-01', 'https://example.com/tmall/1', 'sale').lastInsertRowid);
    keyOf.run(tmall, 'hp:M202DW');
    hp('amazon', 25900, '2018-09-02', 'https://example.com/amazon/1', 'sale', 'USD');
    // SKU-P2: matched, observed at retail, never bought.
    const brother = Number(obs.run('jd', '兄弟', 'HL-2260D', '兄弟 HL-2260D', 89900, 'CNY', '2018-07-03', 'https://example.com/jd/2', 'sale').lastInsertRowid);
    keyOf.run(brother, 'brother:HL2260D');

    const order = ins(
      `INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen, currency, rating, comment, source, evaluated_at, updated_at, record_hash, ingest_run)
       VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, 'feed:test', NULL, ?, 'h', 1)`,
    );
    const line = ins(
      `INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity, unit_price_fen, amount_fen)
       VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?)`,
    );
    const gap = ins(
      `INSERT INTO line_gaps (order_no, line_no, ref_price_fen, ref_retailer, ref_observed_on, ref_url, gap_fen, gap_bp, method, ref_observation_id, ref_median_fen, ref_count, no_ref_reason)
       VALUES (?, ?, ?, ?, '2018-07-01', 'https://example.com/suning/1', ?, ?, 'model', ?, ?, 2, NULL)`,
    );
    const flag = ins(
      `INSERT INTO flags (rule, subject_type, subject_id, order_no, evidence_json, rule_version) VALUES (?, 'order', ?, ?, ?, '2025.1')`,
    );
    const start = Date.UTC(2018, 6, 1);
    for (let i = 1; i <= opts.orders; i++) {
      const orderNo = i === 3 ? 'PO/2018/3' : `PO-${String(i).padStart(6, '0')}`;
      const day = new Date(start + ((i * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
      const agencyId = `A${String((i % 20) + 1).padStart(3, '0')}`;
      const supplierId = `S${String((i % 8) + 1).padStart(2, '0')}`;
      const qty = (i % 3) + 1;
      const p1 = i % 5 === 0 ? 232375 : 173000; // every 5th printer line 25 % over the 185,900 reference
      const rating = i % 7 === 0 ? 1 : 5;
      const total = p1 * qty + 15000;
      order.run(orderNo, agencyId, supplierId, `${day}T10:00:00+08:00`, `${day}T16:00:00+08:00`, total, rating, rating === 1 ? '太慢' : null, `${day}T16:00:00+08:00`);
      line.run(orderNo, 1, 'SKU-P1', '惠普 M202dw 打印机', '台', qty, p1, p1 * qty);
      line.run(orderNo, 2, 'SKU-C1', '得力 复印纸', '箱', 1, 15000, 15000);
      const g = p1 - 185900;
      gap.run(orderNo, 1, 185900, 'suning', g, Math.round((10000 * g) / 185900), refId, 182900);
      if (rating === 1) flag.run('low-rating', orderNo, orderNo, JSON.stringify({ rating }));
      if (i % 5 === 0) flag.run('price-above-retail', `${orderNo}#1`, orderNo, JSON.stringify({ gap_fen: g }));
    }
    // Provenance: one order from an OCDS publication, one from a CSV export, one feed order
    // with its archived record (the rest have none, which the API must also survive).
    const raw = ins(`INSERT INTO raw_records (source, kind, key, hash, body, first_seen_run) VALUES (?, 'order', ?, ?, ?, 1)`);
    const reSource = ins(`UPDATE orders SET source = ?, record_hash = ? WHERE order_no = ?`);
    if (opts.orders >= 5) {
      reSource.run('ocds:test', 'h-ocds', 'PO-000002');
      raw.run('ocds:test', 'PO-000002', 'h-ocds', JSON.stringify({ ocid: 'ocds-abc123-0002', contract: 'C-2', date_from: 'dateSigned', release_date: '2018-07-02T00:00:00Z', sources: ['records.json'], order: {} }));
      reSource.run('csv:test', 'h-csv', 'PO-000004');
      raw.run('csv:test', 'PO-000004', 'h-csv', JSON.stringify({ source_rows: ['orders.csv#5', 'order-lines.csv#9', 'order-lines.csv#8'], derived: ['total'], order: {} }));
      raw.run('feed:test', 'PO-000005', 'h', JSON.stringify({ order_no: 'PO-000005' }));
    }
    ins(`INSERT INTO ingest_runs (stage, source, started_at, finished_at, status, counts_json) VALUES ('ingest', 'feed:test', '2019-07-01T00:00:00+08:00', '2019-07-01T00:01:00+08:00', 'ok', '{}')`).run();
    fillOrderGaps(sqlite);
    sqlite.exec('COMMIT');
    // Published databases are single files (see src/publish/staging-db.ts); match that here.
    sqlite.pragma('journal_mode = DELETE');
  } finally {
    await db.destroy();
  }
  return dbPath;
}
