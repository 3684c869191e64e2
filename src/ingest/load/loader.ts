import { safeReason } from '../../domain/reason.ts';
import { rejectCode } from '../../domain/reject-code.ts';
import { dayOf } from '../../domain/time.ts';
import type { ListingRecord, OrderRecord, RetailRecord, WithdrawalRecord } from '../core/records.ts';
import type { SourceItem } from '../core/source.ts';
import { tally, type Outcome, type SourceCounts } from './counts.ts';
import { archiveOf, type Archived } from './hash.ts';
import type { Statements } from './statements.ts';

export interface LoaderContext {
  runId: number;
  sourceId: string;
  knownCategories: ReadonlySet<string>;
  counts: SourceCounts;
}

/**
 * Stores one SourceItem. Idempotent by construction: a version is written only when it is
 * newer (updated_at) than, or differs from, what is stored; archiving is keyed by content
 * hash. Returns nothing; every outcome is tallied in ctx.counts.
 */
export function createLoader(st: Statements, ctx: LoaderContext): (item: SourceItem) => void {
  const { runId, sourceId } = ctx;
  // A first load (no orders stored yet) need not ask the database for an order's stored
  // version unless this loader wrote that order itself; and most databases hold no withdrawal
  // that arrived before its order. Each lookup skipped is a query per order saved (≈ 6 % of
  // the main thread's SQLite time on the 200k-line bench).
  const noOrdersBefore = st.anyOrder.get() === undefined;
  const ordersWritten = new Set<string>();
  let earlyWithdrawals = st.anyEarlyWithdrawal.get() !== undefined;
  // Orders repeat the same few hundred agencies and suppliers: write each once per run.
  const seenParties = new Map<string, string>();
  const upsertParty = (kind: 'agency' | 'supplier', id: string, name: string, creditCode: string | null = null) => {
    const memo = `${kind}\u0000${id}`;
    const value = `${name}\u0000${creditCode ?? ''}`;
    if (seenParties.get(memo) === value) return;
    seenParties.set(memo, value);
    if (kind === 'agency') st.upsertAgency.run(id, name);
    else st.upsertSupplier.run(id, name, creditCode);
    // The name shown is the latest; every earlier one stays on record (曾用名).
    st.addPartyName.run(kind, id, name, runId);
  };

  function reject(item: Extract<SourceItem, { ok: false }>): Outcome {
    for (const issue of item.issues) {
      st.insertReject.run(runId, sourceId, item.key, issue.field, safeReason(`${issue.field} ${issue.reason}`), item.kind, rejectCode(issue.reason));
    }
    return 'rejected';
  }

  function archive(kind: string, key: string, { body, hash }: Archived): string {
    st.archiveRaw.run(sourceId, kind, key, hash, body, runId);
    return hash;
  }

  /** Newer updated_at wins; the same updated_at with other content is a correction and also wins. */
  function decide(existing: { updated_at: string; record_hash: string } | undefined, updatedAt: string, hash: string): Outcome {
    if (!existing) return 'inserted';
    if (updatedAt < existing.updated_at) return 'unchanged';
    if (updatedAt === existing.updated_at) {
      if (hash === existing.record_hash) return 'unchanged';
      // Two versions claim the same moment: the later in feed order wins, but the report says so.
      ctx.counts.same_time_conflicts++;
    }
    return 'updated';
  }

  function loadListing(l: ListingRecord, hash: string): Outcome {
    if (!ctx.knownCategories.has(l.category_code)) {
      ctx.counts.unknown_categories[l.category_code] = (ctx.counts.unknown_categories[l.category_code] ?? 0) + 1;
    }
    upsertParty('supplier', l.supplier.id, l.supplier.name, l.supplier.credit_code);
    const outcome = decide(st.listingVersion.get(l.sku) as { updated_at: string; record_hash: string } | undefined, l.updated_at, hash);
    const day = dayOf(l.updated_at);
    if (outcome === 'unchanged') {
      // An older version still tells us the price on its own day (price history).
      st.addDayPriceIfMissing.run(l.sku, day, l.price_fen);
      return outcome;
    }
    st.upsertListing.run({
      sku: l.sku, supplier_id: l.supplier.id, category_code: l.category_code, brand: l.brand, model: l.model,
      title: l.title, spec: l.spec, unit: l.unit, price_fen: l.price_fen, status: l.status, updated_at: l.updated_at,
      gtin: l.gtin, source: sourceId, record_hash: hash, ingest_run: runId,
    });
    st.setDayPrice.run(l.sku, day, l.price_fen);
    return outcome;
  }

  function loadOrder(o: OrderRecord, hash: string): Outcome {
    upsertParty('agency', o.buyer.id, o.buyer.name);
    upsertParty('supplier', o.supplier.id, o.supplier.name, o.supplier.credit_code);
    const stored = noOrdersBefore && !ordersWritten.has(o.order_no) ? undefined : st.orderVersion.get(o.order_no);
    const outcome = decide(stored as { updated_at: string; record_hash: string } | undefined, o.updated_at, hash);
    if (outcome === 'unchanged') return outcome;
    ordersWritten.add(o.order_no);
    st.upsertOrder.run(o.order_no, o.buyer.id, o.supplier.id, o.placed_at, o.completed_at, o.total_fen, o.currency,
      o.evaluation?.rating ?? null, o.evaluation?.comment ?? null, sourceId, o.evaluation?.at ?? null, o.updated_at, hash, runId);
    // A new version replaces all lines: a line dropped upstream must not linger here.
    if (outcome === 'updated') st.deleteOrderLines.run(o.order_no);
    for (const l of o.lines) {
      st.insertOrderLine.run(o.order_no, l.line_no, l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity,
        l.unit_price_fen, l.amount_fen);
    }
    const early = earlyWithdrawals ? (st.earlyWithdrawal.get(o.order_no) as { status: string; updated_at: string } | undefined) : undefined;
    if (early && early.updated_at >= o.updated_at) st.withdrawOrder.run(early.status, early.updated_at, early.updated_at, runId, o.order_no);
    return outcome;
  }

  /**
   * A refund, cancellation or return withdraws a stored purchase; the row stays (its page says
   * what happened) and analyze counts it nowhere. A withdrawal older than the stored version
   * changes nothing; one for an order never seen completed has nothing to withdraw.
   */
  function loadWithdrawal(w: WithdrawalRecord): Outcome {
    const existing = st.orderVersion.get(w.order_no) as { updated_at: string; status: string } | undefined;
    if (!existing) {
      // Nothing to withdraw yet: remembered, so an older completed version read later arrives withdrawn.
      st.rememberWithdrawal.run(w.order_no, w.status, w.updated_at);
      earlyWithdrawals = true;
      return 'skipped';
    }
    if (w.updated_at < existing.updated_at) return 'unchanged';
    // The same withdrawal read again (the feed is re-read every night) changes nothing: the
    // order keeps the run that first withdrew it, and its page stays the same.
    if (existing.status === w.status && w.updated_at === existing.updated_at) return 'unchanged';
    st.withdrawOrder.run(w.status, w.updated_at, w.updated_at, runId, w.order_no);
    return 'updated';
  }

  function loadRetail(r: RetailRecord): Outcome {
    const row = {
      retailer: r.retailer, brand: r.brand, model: r.model, title: r.title, unit: r.unit, price_fen: r.price_fen,
      currency: r.currency, observed_on: r.observed_on, url: r.url, self_operated: r.self_operated ? 1 : 0,
      spec: r.spec, gtin: r.gtin, price_kind: r.price_kind, source: sourceId, archive_url: r.archive_url,
    };
    const existing = st.retailVersion.get(r.retailer, r.url, r.observed_on, r.price_kind) as
      | (Record<string, unknown> & { id: number })
      | undefined;
    if (!existing) {
      st.insertRetail.run(row);
      return 'inserted';
    }
    const same = (['brand', 'model', 'title', 'unit', 'price_fen', 'currency', 'self_operated', 'spec', 'gtin', 'archive_url'] as const).every(
      (k) => existing[k] === row[k],
    );
    if (same) return 'unchanged';
    st.updateRetail.run({ ...row, id: existing.id });
    return 'updated';
  }

  return (item) => {
    for (const name of item.dropped ?? []) ctx.counts.dropped_fields[name] = (ctx.counts.dropped_fields[name] ?? 0) + 1;
    let outcome: Outcome;
    if (item.ok === false) outcome = reject(item);
    else if (item.ok === 'skipped') outcome = 'skipped';
    else {
      ctx.counts.redactions += item.redactions ?? 0;
      if (item.cleaned) ctx.counts.cleaned_records++;
      const hash = archive(item.kind, item.key, item.archived ?? archiveOf(item.raw));
      if (item.kind === 'listing') outcome = loadListing(item.record, hash);
      else if (item.kind === 'order') outcome = loadOrder(item.record, hash);
      else if (item.kind === 'withdrawal') outcome = loadWithdrawal(item.record);
      else outcome = loadRetail(item.record);
    }
    tally(ctx.counts, item.kind, outcome);
  };
}
