import type { Sqlite } from '../../db/connection.ts';

/**
 * Prepared statements for the hot ingest path. Kysely builds queries ~2.7× slower than raw
 * prepared statements on bulk loads (STACK-NOTES), so loading uses these inside one
 * transaction; Kysely stays the tool for schema and reads.
 */
export function prepareStatements(sqlite: Sqlite) {
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    upsertAgency: p(`INSERT INTO agencies (id, name) VALUES (?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name`),
    upsertSupplier: p(`INSERT INTO suppliers (id, name, credit_code) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, credit_code = COALESCE(excluded.credit_code, credit_code)
      WHERE name IS NOT excluded.name OR (excluded.credit_code IS NOT NULL AND credit_code IS NOT excluded.credit_code)`),
    addPartyName: p(`INSERT OR IGNORE INTO party_names (kind, id, name, first_run) VALUES (?, ?, ?, ?)`),
    upsertCategory: p(`INSERT INTO categories (code, name, parent_code) VALUES (?, ?, ?)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code
      WHERE name IS NOT excluded.name OR parent_code IS NOT excluded.parent_code`),
    categoryCodes: p(`SELECT code FROM categories`).pluck(),

    listingVersion: p(`SELECT updated_at, record_hash FROM listings WHERE sku = ?`),
    upsertListing: p(`INSERT INTO listings (sku, supplier_id, category_code, brand, model, title, spec, unit, price_fen,
        status, updated_at, gtin, source, record_hash, ingest_run)
      VALUES (@sku, @supplier_id, @category_code, @brand, @model, @title, @spec, @unit, @price_fen,
        @status, @updated_at, @gtin, @source, @record_hash, @ingest_run)
      ON CONFLICT (sku) DO UPDATE SET supplier_id = excluded.supplier_id, category_code = excluded.category_code,
        brand = excluded.brand, model = excluded.model, title = excluded.title, spec = excluded.spec,
        unit = excluded.unit, price_fen = excluded.price_fen, status = excluded.status,
        updated_at = excluded.updated_at, gtin = excluded.gtin, source = excluded.source,
        record_hash = excluded.record_hash, ingest_run = excluded.ingest_run`),
    setDayPrice: p(`INSERT INTO listing_prices (sku, day, price_fen) VALUES (?, ?, ?)
      ON CONFLICT (sku, day) DO UPDATE SET price_fen = excluded.price_fen WHERE price_fen IS NOT excluded.price_fen`),
    addDayPriceIfMissing: p(`INSERT OR IGNORE INTO listing_prices (sku, day, price_fen) VALUES (?, ?, ?)`),

    // Positional parameters: binding by name costs a property lookup per column, per order.
    orderVersion: p(`SELECT updated_at, record_hash, status FROM orders WHERE order_no = ?`),
    upsertOrder: p(`INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen, currency,
        rating, comment, source, evaluated_at, updated_at, record_hash, ingest_run)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (order_no) DO UPDATE SET agency_id = excluded.agency_id, supplier_id = excluded.supplier_id,
        placed_at = excluded.placed_at, completed_at = excluded.completed_at, total_fen = excluded.total_fen,
        currency = excluded.currency, rating = excluded.rating, comment = excluded.comment, source = excluded.source,
        evaluated_at = excluded.evaluated_at, updated_at = excluded.updated_at, record_hash = excluded.record_hash,
        ingest_run = excluded.ingest_run, status = 'completed', withdrawn_at = NULL`),
    rememberWithdrawal: p(`INSERT INTO early_withdrawals (order_no, status, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (order_no) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
      WHERE excluded.updated_at >= updated_at`),
    earlyWithdrawal: p(`SELECT status, updated_at FROM early_withdrawals WHERE order_no = ?`),
    anyEarlyWithdrawal: p(`SELECT 1 FROM early_withdrawals LIMIT 1`),
    anyOrder: p(`SELECT 1 FROM orders LIMIT 1`),
    withdrawOrder: p(`UPDATE orders SET status = ?, withdrawn_at = ?, updated_at = ?, ingest_run = ? WHERE order_no = ?`),
    deleteOrderLines: p(`DELETE FROM order_lines WHERE order_no = ?`),
    insertOrderLine: p(`INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity,
        unit_price_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),

    retailVersion: p(`SELECT id, brand, model, title, unit, price_fen, currency, self_operated, spec, gtin, archive_url
      FROM retail_observations WHERE retailer = ? AND url = ? AND observed_on = ? AND price_kind = ?`),
    insertRetail: p(`INSERT INTO retail_observations (retailer, brand, model, title, unit, price_fen, currency,
        observed_on, url, self_operated, spec, gtin, price_kind, source, archive_url)
      VALUES (@retailer, @brand, @model, @title, @unit, @price_fen, @currency, @observed_on, @url, @self_operated,
        @spec, @gtin, @price_kind, @source, @archive_url)`),
    updateRetail: p(`UPDATE retail_observations SET brand = @brand, model = @model, title = @title, unit = @unit,
        price_fen = @price_fen, currency = @currency, self_operated = @self_operated, spec = @spec, gtin = @gtin,
        source = @source, archive_url = @archive_url WHERE id = @id`),

    // CAST: a body handed over as UTF-8 bytes is bound as a BLOB, and becomes TEXT here
    // without a round trip through a JavaScript string (a text body is left as it is).
    archiveRaw: p(`INSERT OR IGNORE INTO raw_records (source, kind, key, hash, body, first_seen_run)
      VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?)`),
    insertReject: p(`INSERT INTO rejects (run_id, source, record_key, field, reason, kind, code) VALUES (?, ?, ?, ?, ?, ?, ?)`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
