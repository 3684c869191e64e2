import { orderPath } from '../../src/site/format/paths.ts';
import { describe, expect, it } from 'vitest';
import { evidenceRefs, evidenceView, type EvidenceContext, type EvidenceView } from '../../src/site/render/evidence.ts';
import { safeHttpUrl } from '../../src/site/format/url.ts';

// Evidence exactly as the rules in src/domain/flags/*.ts write it (from an analysed sample).
const ABOVE = { sku: '101003', line_no: 1, unit: '台', quantity: 2, unit_price_fen: 139900, ref_price_fen: 109900, ref_median_fen: 112900,
  ref_retailer: 'jd', ref_observed_on: '2018-09-23', ref_url: 'https://item.jd.com/101261.html', ref_observation_id: 933,
  gap_fen: 30000, gap_bp: 2730, overpaid_fen: 60000, threshold: { min_gap_bp: 1000, min_gap_fen: 2000 } };
const ANNUAL = { agency_id: 'A0006', year: '2019', cap_fen: 10000000, crossing_order_no: 'ES20190505002083', crossing_day: '2019-05-05',
  order_total_fen: 750000, spend_before_fen: 9352000, spend_after_fen: 10102000, orders_so_far: 14, year_spend_fen: 11444400 };
const SPLIT = { group: 'A0065|S0015|A0605|2018-12-28..2019-01-03', agency_id: 'A0065', supplier_id: 'S0015', category_code: 'A0605',
  first_day: '2018-12-28', last_day: '2019-01-03', span_days: 6, together_fen: 10168400,
  orders: [{ order_no: 'ES20181228001100', day: '2018-12-28', amount_fen: 5121200, order_total_fen: 5121200 },
    { order_no: 'ES/2019', day: '2019-01-03', amount_fen: 5047200, order_total_fen: 5047200 }], cap_fen: 10000000, window_days: 7 };
const HIKE = { sku: '101011', order_day: '2018-12-13', line_no: 1, line_unit_price_fen: 88900, price_at_order: { day: '2018-12-03', price_fen: 88900 },
  lowest_before: { day: '2018-06-25', price_fen: 77300 }, lowest_after: { day: '2018-12-22', price_fen: 77300 }, rise_bp: 1501, fall_bp: 1501,
  history: [{ day: '2018-06-25', price_fen: 77300 }, { day: '2018-12-03', price_fen: 88900 }, { day: '2018-12-22', price_fen: 77300 }],
  min_change_bp: 1000, days_before: 14, days_after: 14 };
const DISCRIM = { group: 'g', sku: '101014', unit: '组', first_day: '2018-08-20', last_day: '2018-08-24', low_fen: 86200, high_fen: 93100, spread_bp: 800,
  this_unit_price_fen: 86200, lines: [{ order_no: 'ES1', line_no: 1, agency_id: 'A0132', day: '2018-08-20', unit_price_fen: 86200 },
    { order_no: 'ES2', line_no: 1, agency_id: 'A0016', day: '2018-08-24', unit_price_fen: 93100 }], min_diff_bp: 500, window_days: 7 };

const names: EvidenceContext['names'] = {
  agency: (id) => ({ A0006: '示例市教育局', A0065: '示例县财政局', A0132: '示例乡政府' } as Record<string, string>)[id],
  supplier: (id) => (id === 'S0015' ? '示例家具厂' : undefined),
  category: (c) => (c === 'A0605' ? '文件柜' : undefined),
  product: (s) => (s === '101003' ? '惠普 M202dw 打印机' : undefined),
};
const view = (rule: string, e: unknown, ctx: EvidenceContext = {}) => evidenceView(rule, JSON.stringify(e), { names, ...ctx });
const row = (v: EvidenceView, key: string) => {
  const item = v.items.find((i) => i.key === key);
  return item ? { label: item.label, text: item.parts.map((p) => p.text).join(''), hrefs: item.parts.filter((p) => p.href).map((p) => p.href) } : undefined;
};
const keys = (v: EvidenceView) => v.items.map((i) => i.key);
const cellText = (c: { text: string }[]) => c.map((p) => p.text).join('');

describe('evidenceView: each rule in plain Chinese', () => {
  it('price-above-retail: product link, prices, retailer and day, the retail page as a link, threshold', () => {
    const v = view('price-above-retail', ABOVE);
    expect(row(v, 'sku')).toEqual({ label: '商品', text: '惠普 M202dw 打印机（101003）（第 1 条明细）', hrefs: ['/products/101003/'] });
    expect(row(v, 'unit_price_fen')!.text).toBe('¥1,399.00 / 台，数量 2台');
    expect(row(v, 'ref_price_fen')!.text).toBe('¥1,099.00（京东，2018年9月23日）');
    const url = v.items.find((i) => i.key === 'ref_url')!.parts[0]!;
    expect(url).toEqual({ text: 'https://item.jd.com/101261.html', href: 'https://item.jd.com/101261.html', external: true });
    expect(row(v, 'ref_median_fen')!.text).toBe('¥1,129.00');
    expect(row(v, 'gap_fen')!.text).toBe('每单位 +¥300.00 +27.3%');
    expect(row(v, 'overpaid_fen')!.text).toBe('¥600.00（差价 × 数量）');
    expect(row(v, 'threshold')!.text).toBe('差价率 ≥ 10%，且每单位差价 ≥ ¥20.00');
    // Internal row ids never reach the page, and no raw key is used as a label.
    expect(keys(v)).not.toContain('ref_observation_id');
    for (const i of v.items) expect(i.label).not.toMatch(/_/);
  });

  it('annual-over-cap: the crossing order linked, spend before and after, without repeating the page\'s own agency', () => {
    const v = view('annual-over-cap', ANNUAL);
    expect(row(v, 'agency_id')).toEqual({ label: '采购单位', text: '示例市教育局', hrefs: ['/agencies/A0006/'] });
    expect(row(v, 'crossing_order_no')).toEqual({ label: '跨过限额的订单', text: 'ES20190505002083（2019年5月5日，订单总额 ¥7,500.00）', hrefs: ['/orders/ES20190505002083/'] });
    expect(row(v, 'spend_before_fen')!.text).toBe('¥93,520.00（本年度此前 13 笔订单）');
    expect(row(v, 'spend_after_fen')!.text).toBe('¥101,020.00');
    expect(row(v, 'year_spend_fen')!.text).toBe('¥114,444.00');
    const onPage = view('annual-over-cap', ANNUAL, { orderNo: 'ES20190505002083', agencyId: 'A0006' });
    expect(keys(onPage)).not.toContain('agency_id');
    expect(row(onPage, 'crossing_order_no')!.hrefs).toEqual([]);
    expect(row(onPage, 'crossing_order_no')!.text).toMatch(/^ES20190505002083（本订单）/);
  });

  it('split-order: parties and category by name, the orders as a table with the sum against the cap', () => {
    const v = view('split-order', SPLIT, { orderNo: 'ES20181228001100' });
    expect(keys(v)).toEqual(['agency_id', 'supplier_id', 'category_code', 'first_day', 'together_fen']);
    expect(row(v, 'category_code')).toEqual({ label: '品目', text: '文件柜', hrefs: ['/categories/A0605/'] });
    expect(row(v, 'first_day')!.text).toBe('2018年12月28日 至 2019年1月3日（相隔 6 天，规则窗口 7 天）');
    expect(row(v, 'together_fen')!.text).toBe('合计 ¥101,684.00，达到单笔限额 ¥100,000.00；每笔订单都低于限额');
    const [t] = v.tables;
    expect(t!.caption).toBe('同组订单（2 笔）');
    expect(t!.rows.map((r) => r.map(cellText))).toEqual([
      ['2018-12-28', 'ES20181228001100（本订单）', '¥51,212.00', '¥51,212.00'],
      ['2019-01-03', 'ES/2019', '¥50,472.00', '¥50,472.00'],
    ]);
    expect(t!.rows[1]![1]![0]!.href).toBe(orderPath('ES/2019'));
    expect(t!.foot!.map(cellText)).toEqual(['合计', '', '¥101,684.00', '限额 ¥100,000.00']);
  });

  it('price-hike: listing price before, at and after the order with the days, and the price history', () => {
    const v = view('price-hike', HIKE);
    expect(row(v, 'lowest_before')!.text).toBe('¥773.00（2018年6月25日 起）');
    expect(row(v, 'price_at_order')!.text).toBe('¥889.00（2018年12月3日 起），比下单前高 +15.0%');
    expect(row(v, 'lowest_after')!.text).toBe('¥773.00（2018年12月22日），峰值比回落后高 +15.0%');
    expect(row(v, 'min_change_bp')!.text).toBe('下单前 14 天内上涨 ≥ 10%，且下单后 14 天内回落同样幅度');
    expect(v.tables[0]!.rows.map((r) => r.map(cellText))).toEqual([
      ['2018-06-25', '¥773.00', '下单前最低'], ['2018-12-03', '¥889.00', '下单时'], ['2018-12-22', '¥773.00', '下单后最低'],
    ]);
  });

  it('price-discrimination: the range and every sale with its agency by name', () => {
    const v = view('price-discrimination', DISCRIM);
    expect(row(v, 'low_fen')!.text).toBe('¥862.00 至 ¥931.00，相差 +8.0%');
    expect(row(v, 'this_unit_price_fen')!.text).toBe('¥862.00');
    expect(v.tables[0]!.rows.map((r) => r.map(cellText))).toEqual([
      ['2018-08-20', 'ES1', '示例乡政府', '¥862.00'], ['2018-08-24', 'ES2', 'A0016', '¥931.00'],
    ]);
    expect(v.tables[0]!.rows[1]![2]![0]!.href).toBe('/agencies/A0016/');
  });

  it('order-over-cap and low-rating', () => {
    const cap = view('order-over-cap', { agency_id: 'A0008', supplier_id: 'S0003', day: '2018-11-20', total_fen: 10388000, cap_fen: 10000000, over_fen: 388000 },
      { agencyId: 'A0008', supplierId: 'S0003' });
    expect(cap.items.map((i) => `${i.label}:${i.parts.map((p) => p.text).join('')}`)).toEqual([
      '订单总额:¥103,880.00', '单笔限额:¥100,000.00', '超出限额:¥3,880.00', '下单日期:2018年11月20日',
    ]);
    const low = view('low-rating', { agency_id: 'A1', supplier_id: 'S1', rating: 1, scale: 5, comment: '<b>差</b>', evaluated_at: '2018-08-11T14:59:00+08:00', max_rating: 2 });
    expect(row(low, 'rating')!.text).toBe('1 分（满分 5 分）');
    expect(row(low, 'comment')!.text).toBe('<b>差</b>'); // text, escaped by Astro when rendered
    expect(row(low, 'evaluated_at')!.text).toBe('2018年8月11日');
    expect(row(low, 'max_rating')!.text).toBe('评分 ≤ 2 分');
  });
});

describe('evidenceView: fallback', () => {
  it('shows keys a rule does not know, and whole unknown rules, generically', () => {
    const v = view('price-above-retail', { ...ABOVE, new_field_fen: 1234, note: 'x' });
    expect(row(v, 'new_field_fen')).toEqual({ label: 'new_field_fen', text: '¥12.34', hrefs: [] });
    const u = view('some-new-rule', { order_nos: ['A1', 'B/2'], gap_bp: 3361, before: { day: '2018-07-01', price_fen: 173000 }, ref_retailer: 'jd' });
    expect(row(u, 'order_nos')).toEqual({ label: '相关订单', text: 'A1、B/2', hrefs: ['/orders/A1/', orderPath('B/2')] });
    expect(row(u, 'gap_bp')!.text).toBe('+33.6%');
    expect(row(u, 'before')!.text).toBe('2018-07-01 ¥1,730.00');
    expect(row(u, 'ref_retailer')!.text).toBe('京东');
  });

  it('never turns a javascript: URL into a link, survives bad JSON and wrong types', () => {
    const v = view('price-above-retail', { ref_url: 'javascript:alert(1)', unit_price_fen: 'lots' });
    expect(v.items.find((i) => i.key === 'ref_url')!.parts[0]!.href).toBeUndefined();
    expect(row(v, 'unit_price_fen')!.text).toBe('lots');
    expect(evidenceView('x', '{oops').items[0]!.parts[0]!.text).toBe('{oops');
    expect(evidenceView('x', '[1]').items[0]!.label).toBe('证据');
    expect(safeHttpUrl('data:text/html,x')).toBeNull();
    expect(safeHttpUrl(' https://a.example/x ')).toBe('https://a.example/x');
  });

  it('lists the ids whose names a page should look up', () => {
    expect(evidenceRefs(JSON.stringify(DISCRIM))).toEqual({ agencies: ['A0016', 'A0132'], suppliers: [], skus: ['101014'] });
    expect(evidenceRefs(JSON.stringify(SPLIT))).toEqual({ agencies: ['A0065'], suppliers: ['S0015'], skus: [] });
    expect(evidenceRefs('nope')).toEqual({ agencies: [], suppliers: [], skus: [] });
  });
});

import { brandParts, keywordList, modelVariants, shortOrgName } from '../../src/site/format/keywords.ts';
import { sortAmount, sortGap } from '../../src/site/render/pagefind.ts';

describe('search keywords and sort keys', () => {
  it('splits brands and normalises models', () => {
    expect(brandParts('惠普（HP）')).toEqual(['惠普（HP）', '惠普', 'HP']);
    expect(modelVariants('LaserJet Pro M202dw')).toEqual(['LaserJet Pro M202dw', 'M202dw', 'M202DW', 'LASERJETPROM202DW']);
    expect(modelVariants('KX-FL323CN')).toContain('KXFL323CN');
    expect(shortOrgName('示例办公设备有限公司')).toEqual(['示例办公设备']);
    expect(shortOrgName('示例州教育局')).toEqual([]);
    expect(keywordList(['a', ' a '], 'b', null)).toEqual(['a', 'b']);
  });
  it('gives fixed-width sort keys that sort the same as text and as numbers', () => {
    expect(sortAmount(173000)).toBe('000000000173000');
    const gaps = [-10000, -694, 0, 753, 3361, null].map(sortGap);
    expect([...gaps].sort()).toEqual([gaps[5], gaps[0], gaps[1], gaps[2], gaps[3], gaps[4]]);
    expect(gaps.map(Number)).toEqual([...gaps].map(Number));
    expect(sortGap(-694)).toBe('00999306');
  });
});
