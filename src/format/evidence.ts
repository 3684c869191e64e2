import { formatYuan } from './money.ts';
import { formatBp } from './percent.ts';
import { orderPath, productPath, agencyPath, categoryPath } from './paths.ts';
import { safeHttpUrl } from './url.ts';

/**
 * A flag's evidence_json as labelled, human-readable pieces. The evidence shape belongs to
 * each rule (analyze), so this reads it generically: *_fen is money, *_bp a signed percentage,
 * order numbers / skus / agency ids / category codes become links, http(s) URLs become
 * evidence links, anything else is shown as text (escaped by Astro when rendered).
 */
export interface EvidencePart { text: string; href?: string; external?: boolean }
export interface EvidenceItem { key: string; label: string; parts: EvidencePart[] }

const LABELS: Record<string, string> = {
  unit_price_fen: '成交单价', ref_price_fen: '参考零售价', ref_median_fen: '各平台中位价', gap_fen: '差价', gap_bp: '差价率',
  ref_retailer: '零售平台', retailer: '零售平台', ref_observed_on: '价格日期', observed_on: '价格日期', ref_url: '证据链接', url: '证据链接',
  total_fen: '订单总额', cap_fen: '限额', year: '年度', cumulative_fen: '年度累计', spend_fen: '采购金额',
  order_no: '订单', order_nos: '相关订单', sum_fen: '合计', category_code: '品目', window_days: '时间窗口（天）',
  before: '下单前价格', during: '下单时价格', after: '下单后价格', change_bp: '涨幅', peak_fen: '最高挂牌价',
  sku: '商品编号', skus: '商品编号', min_fen: '最低单价', max_fen: '最高单价', diff_bp: '价差',
  rating: '评分', comment: '评价', agency_id: '采购单位编号', agency_ids: '采购单位编号', day: '日期', days: '日期',
};

const RETAILERS: Record<string, string> = { jd: '京东', suning: '苏宁易购', tmall: '天猫', taobao: '淘宝', pdd: '拼多多' };

function scalar(key: string, v: unknown): EvidencePart {
  if (typeof v === 'number') {
    if (key.endsWith('_fen')) return { text: formatYuan(v) };
    if (key.endsWith('_bp')) return { text: formatBp(v) };
    return { text: String(v) };
  }
  if (typeof v === 'string') {
    const url = safeHttpUrl(v);
    if (url) return { text: v, href: url, external: true };
    if (key === 'order_no' || key === 'order_nos') return { text: v, href: orderPath(v) };
    if (key === 'sku' || key === 'skus') return { text: v, href: productPath(v) };
    if (key === 'agency_id' || key === 'agency_ids') return { text: v, href: agencyPath(v) };
    if (key === 'category_code') return { text: v, href: categoryPath(v) };
    if (key.endsWith('retailer')) return { text: RETAILERS[v] ?? v };
    return { text: v };
  }
  if (v === null || v === undefined) return { text: '—' };
  if (typeof v === 'boolean') return { text: v ? '是' : '否' };
  return { text: JSON.stringify(v) };
}

/** {day, price_fen} → "2018-07-01 ¥1,730.00"; other objects as "key value" pairs. */
function objectText(v: Record<string, unknown>): string {
  return Object.entries(v)
    .map(([k, x]) => (typeof x === 'number' && k.endsWith('_fen') ? formatYuan(x) : typeof x === 'number' && k.endsWith('_bp') ? formatBp(x) : String(x)))
    .join(' ');
}

export function evidenceItems(json: string): EvidenceItem[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [{ key: 'raw', label: '证据', parts: [{ text: json }] }];
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ key: 'raw', label: '证据', parts: [{ text: JSON.stringify(data) }] }];
  }
  return Object.entries(data as Record<string, unknown>).map(([key, v]) => {
    const label = LABELS[key] ?? key;
    if (Array.isArray(v)) {
      return { key, label, parts: v.map((x) => (x && typeof x === 'object' ? { text: objectText(x as Record<string, unknown>) } : scalar(key, x))) };
    }
    if (v && typeof v === 'object') return { key, label, parts: [{ text: objectText(v as Record<string, unknown>) }] };
    return { key, label, parts: [scalar(key, v)] };
  });
}
