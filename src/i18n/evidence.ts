/**
 * The words of flag evidence and of provenance (src/site/render/evidence*.ts, src/site/format/provenance.ts build
 * the values). Kept here with the other UI strings; the format modules only assemble them.
 */
export const ev = {
  fallback: '证据',
  thisOrder: '本订单',
  product: '商品',
  line: (n: number) => `第 ${n} 条明细`,
  agency: '采购单位',
  supplier: '供应商',
  category: '品目',
  unit: '计量单位',
  orderDay: '下单日期',
  // price-above-retail
  unitPrice: '成交单价',
  reference: '参考零售价',
  retailEvidence: '零售价证据',
  median: '各平台中位价',
  gap: '差价',
  perUnit: '每单位',
  overpaid: '按数量计多付',
  overpaidNote: '（差价 × 数量）',
  // order-over-cap / annual-over-cap / split-order
  total: '订单总额',
  cap: '限额',
  orderCap: '单笔限额',
  over: '超出限额',
  year: '年度',
  yearCap: '年度限额',
  crossing: '跨过限额的订单',
  before: '此前累计',
  beforeCount: (n: number) => (n > 0 ? `（本年度此前 ${n} 笔订单）` : '（本年度第一笔订单）'),
  after: '累计至该订单',
  yearSpend: '全年合计',
  span: '时间范围',
  spanText: (from: string, to: string, days: number | undefined, window: number | undefined) =>
    `${from} 至 ${to}${days !== undefined ? `（相隔 ${days} 天${window !== undefined ? `，规则窗口 ${window} 天` : ''}）` : ''}`,
  together: '合计与限额',
  togetherText: (sum: string, cap: string) => `合计 ${sum}，达到单笔限额 ${cap}；每笔订单都低于限额`,
  groupCaption: (n: number) => `同组订单（${n} 笔）`,
  groupAmount: '该品目金额',
  sum: '合计',
  // price-hike
  lowestBefore: '下单前最低挂牌价',
  atOrder: '下单时挂牌价',
  lowestAfter: '下单后回落至',
  since: (day: string) => `（${day} 起）`,
  rise: (pct: string) => `，比下单前高 ${pct}`,
  fall: (pct: string) => `，峰值比回落后高 ${pct}`,
  historyCaption: '该商品的挂牌价记录',
  listingPrice: '挂牌价',
  note: '说明',
  hikeNotes: { before: '下单前最低', at: '下单时', after: '下单后最低' } as Record<string, string>,
  // price-discrimination
  thisPrice: '本订单单价',
  range: '最低与最高单价',
  rangeText: (low: string, high: string, spread: string) => `${low} 至 ${high}，相差 ${spread}`,
  salesCaption: (n: number) => `同一时段的成交（${n} 笔）`,
  // low-rating
  rating: '评分',
  ratingText: (r: number, scale: number) => `${r} 分（满分 ${scale} 分）`,
  comment: '评价内容',
  evaluatedAt: '评价时间',
  // thresholds
  rule: '触发条件',
  thresholds: {
    'price-above-retail': (bp: string, fen: string) => `差价率 ≥ ${bp}，且每单位差价 ≥ ${fen}`,
    'price-hike': (bp: string, before: number, after: number) => `下单前 ${before} 天内上涨 ≥ ${bp}，且下单后 ${after} 天内回落同样幅度`,
    'price-discrimination': (bp: string, days: number) => `${days} 天内不同采购单位的单价相差 ≥ ${bp}`,
    'low-rating': (max: number) => `评分 ≤ ${max} 分`,
  },
} as const;

/** Labels of evidence keys a rule does not describe itself (older rule versions, new fields). */
export const genericEvidenceLabels: Record<string, string> = {
  unit_price_fen: '成交单价', ref_price_fen: '参考零售价', ref_median_fen: '各平台中位价', gap_fen: '差价', gap_bp: '差价率',
  ref_retailer: '零售平台', retailer: '零售平台', ref_observed_on: '价格日期', observed_on: '价格日期', ref_url: '证据链接', url: '证据链接',
  total_fen: '订单总额', cap_fen: '限额', year: '年度', cumulative_fen: '年度累计', spend_fen: '采购金额',
  order_no: '订单', order_nos: '相关订单', sum_fen: '合计', category_code: '品目', window_days: '时间窗口（天）',
  before: '下单前价格', during: '下单时价格', after: '下单后价格', change_bp: '涨幅', peak_fen: '最高挂牌价',
  sku: '商品', skus: '商品', min_fen: '最低单价', max_fen: '最高单价', diff_bp: '价差',
  rating: '评分', comment: '评价', agency_id: '采购单位', agency_ids: '采购单位', supplier_id: '供应商', day: '日期', days: '日期',
};

export const prov = {
  kinds: { feed: '网上商城开放数据', ocds: '开放合同数据标准（OCDS）发布', csv: 'CSV 导出文件', unknown: '其他来源' } as Record<string, string>,
  kind: '来源类型',
  sourceId: '来源标识',
  publisher: '发布者',
  prefixNote: (prefix: string) => `OCDS 前缀 ${prefix}`,
  ocid: 'OCID（采购流程编号）',
  contract: '合同编号',
  award: '授标编号',
  dateFromLabel: '采购日期依据',
  // Values of date_from in the OCDS archive (src/ingest/ocds/to-order.ts).
  dateFrom: { dateSigned: '合同签订日（dateSigned）', 'award date': '授标日期（合同未写签订日）', date: '授标日期（award.date）' } as Record<string, string>,
  releaseDate: '发布日期',
  files: '来源文件',
  rows: '文件与行',
  row: (file: string, rows: string) => `${file} 第 ${rows} 行`,
  derived: '推算的字段',
  derivedNote: '（导出文件中没有这些列，按单价 × 数量及明细合计推算）',
  noRaw: '原始记录未在数据库中找到。',
};
