import { FIRST_DAY } from './clock.ts';
import { FACT_M202DW_FEN, listingOf } from './listings.ts';
import { evaluate, lineAt, newOrder } from './orders.ts';
import { agencyAt, product, supplierOf, type PlantContext, type PlantedCase } from './planted-types.ts';
import { MARKUP_SUPPLIER_NAME } from './parties.ts';
import { FACT_DAY } from './retail.ts';
import type { SampleListing, SampleOrder } from './types.ts';

/**
 * The two public facts, the low-rating cases, text that looks like markup or holds personal
 * data, and orders that are not completed. The flag cases for prices and spend live in
 * planted-prices.ts and planted-caps.ts.
 */

export function plantFacts(ctx: PlantContext): PlantedCase[] {
  const s = supplierOf(ctx, 'stationery', 0);
  const voucher = listingOf(product(ctx, 'deli-voucher-80'), s, ctx.factory.nextSku(), 0, '包', 7500, '2018-06-28', ctx.rng, 'FACT-1');
  ctx.listings.push(voucher);
  const first = newOrder(ctx.rng, agencyAt(ctx, 0), FIRST_DAY, 9 * 60 + 12, [lineAt(voucher, FIRST_DAY, 2)], 2);
  first.evaluation = { rating: 5, comment: '电子商城第一单，送货及时', day: '2018-07-03', minute: 15 * 60 };
  ctx.ledger.add(first);

  const m202 = ctx.ordinaryListings.find((l) => l.product.id === 'hp-m202dw' && l.versions[0]?.price === FACT_M202DW_FEN) as SampleListing;
  const fact = newOrder(ctx.rng, agencyAt(ctx, 1), FACT_DAY, 10 * 60 + 5, [lineAt(m202, FACT_DAY, 1)], 2);
  ctx.ledger.add(fact);
  return [
    { id: 'FACT-1', rule: 'fact', flags: false, orders: [first], sku: voucher.sku,
      what: 'the e-mall\'s first order, 2018-06-30: 2 packs of 80 g voucher printing paper at ¥75.00, total ¥150.00', expected: [{ order: first, rules: [] }] },
    { id: 'FACT-2', rule: 'fact', flags: false, orders: [fact], sku: m202.sku,
      what: `HP LaserJet Pro M202dw at ¥1,730.00 on ${FACT_DAY}; Suning self-operated ¥1,859.00 that day is the lowest retail price (gap −¥129.00)`,
      expected: [{ order: fact, rules: [] }] },
  ];
}

const LOW = [
  [1, '打印机到货外壳破损，更换拖了两周'],
  [2, '纸张受潮，卡纸严重'],
  [2, '送货比约定晚了十天'],
  [1, '发来的型号与订单不符'],
  [2, '安装人员迟迟不来'],
] as const;

/** Evaluations changed on chosen ordinary orders, spread over the year. */
export function plantEvaluations(ctx: PlantContext, ordinary: readonly SampleOrder[]): PlantedCase[] {
  const rated = ordinary.filter((o) => o.evaluation && !o.evaluationLater);
  const at = (k: number, of: number) => rated[Math.floor((rated.length * (k + 0.5)) / of)] as SampleOrder;
  const cases: PlantedCase[] = [];
  LOW.forEach(([rating, comment], k) => {
    const o = at(k, 10);
    o.evaluation = { ...(o.evaluation as NonNullable<SampleOrder['evaluation']>), rating, comment };
    cases.push({ id: `LOW-${k + 1}`, rule: 'low-rating', flags: true, orders: [o], sku: null, what: `rating ${rating}: “${comment}”`, expected: [{ order: o, rules: ['low-rating'] }] });
  });
  const three = at(5, 10);
  three.evaluation = { ...(three.evaluation as NonNullable<SampleOrder['evaluation']>), rating: 3, comment: '一般，送货稍慢' };
  cases.push({ id: 'LOW-6', rule: 'low-rating', flags: false, orders: [three], sku: null, what: 'near miss: rating 3', expected: [{ order: three, rules: [] }] });

  const text = (id: string, rule: string, o: SampleOrder, comment: string, what: string) => {
    o.evaluation = { ...(o.evaluation as NonNullable<SampleOrder['evaluation']>), rating: 5, comment };
    cases.push({ id, rule, flags: false, orders: [o], sku: null, what, expected: [{ order: o, rules: [] }] });
  };
  text('TEXT-1', 'html-is-data', at(6, 10), '<script>alert(1)</script>送货及时 &amp; 服务周到',
    'comment `<script>alert(1)</script>送货及时 &amp; 服务周到`: kept as written, shown escaped');
  text('PII-1', 'redaction', at(7, 10), '联系人电话13812345678，有问题可直接联系',
    'comment quoting a mobile number: stored as "联系人电话〔已隐去〕，有问题可直接联系"');
  const named = at(8, 10);
  text('PII-2', 'redaction', named, `感谢${named.contact.name}师傅送货上门并安装调试`,
    'comment naming the order\'s contact person: the name is scrubbed from the comment');
  const markup = ctx.suppliers.find((x) => x.name === MARKUP_SUPPLIER_NAME);
  if (markup) {
    cases.push({ id: 'TEXT-2', rule: 'html-is-data', flags: false, orders: [], sku: null, expected: [],
      what: `supplier ${markup.id} is named \`${MARKUP_SUPPLIER_NAME}\` on all its listings and orders: kept as written, shown escaped` });
  }
  return cases;
}

/** Orders that are not completed (skipped, not rejected), and two that complete in a later version. */
export function plantStatuses(ctx: PlantContext, ordinary: readonly SampleOrder[]): { cases: PlantedCase[]; extra: SampleOrder[] } {
  const pool = ctx.ordinaryListings.filter((l) => l.product.cls === 'copypaper' && l.versions.length === 1 && l.versions[0]?.status === 'on_sale');
  const extra: SampleOrder[] = [];
  const cases: PlantedCase[] = [];
  (['pending', 'cancelled', 'cancelled', 'refunded', 'pending'] as const).forEach((status, k) => {
    const day = ['2018-08-08', '2018-10-11', '2019-01-22', '2019-04-17', '2019-06-28'][k] as string;
    const o = newOrder(ctx.rng, agencyAt(ctx, 40 + k), day, 14 * 60 + k, [lineAt(pool[(k * 7) % pool.length] as SampleListing, day, 5)], 1);
    o.status = status;
    o.evaluation = status === 'refunded' ? evaluate(ctx.rng, o.doneDay) : null;
    extra.push(o);
    cases.push({ id: `SKIP-${k + 1}`, rule: 'skip', flags: false, orders: [o], sku: null, what: `status "${status}": skipped by ingest, not rejected`, expected: [] });
  });
  const later = [ordinary[Math.floor(ordinary.length / 3)] as SampleOrder, ordinary[Math.floor((ordinary.length * 2) / 3)] as SampleOrder];
  later.forEach((o, k) => {
    o.pendingFirst = true;
    cases.push({ id: `VERSION-${k + 1}`, rule: 'version', flags: false, orders: [o], sku: null,
      what: 'appears first as "pending", then as "completed" in a later page: the later version replaces it', expected: [{ order: o, rules: [] }] });
  });
  return { cases, extra };
}
