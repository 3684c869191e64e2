/**
 * The words of filtered lists (/filter/orders/, /filter/flags/ and the filter forms on list
 * pages). Values of the selects are the API's parameter values (src/server/api/*-query.ts), so a
 * filtered page, its CSV and GET /api/* take the same URL.
 */
export const filterText = {
  heading: '筛选与排序',
  ordersTitle: '筛选采购记录',
  flagsTitle: '筛选待核实的异常',
  any: '全部',
  year: '年度',
  agency: '采购单位',
  supplier: '供应商',
  category: '品目',
  product: '商品',
  flag: '异常规则',
  review: '审核结论',
  gapBand: '差价率',
  sort: '排序',
  perPage: '每页行数',
  submit: '筛选',
  reset: '清除筛选',
  openFull: '在完整列表中筛选、排序',
  gapBands: {
    'over-50': '高于零售价 50% 及以上',
    'over-20': '高于零售价 20%–50%',
    'over-0': '高于零售价 0–20%',
    'not-over': '不高于零售价',
    none: '无参考价',
  } as Record<string, string>,
  reviews: { unreviewed: '尚未审核', confirmed: '已确认', explained: '已说明', dismissed: '已排除' } as Record<string, string>,
  /** Option value → label; the empty value is the default order (newest first). */
  orderSorts: [
    ['', '日期（新→旧）'],
    ['date', '日期（旧→新）'],
    ['-amount', '金额（高→低）'],
    ['amount', '金额（低→高）'],
    ['-gap', '差价率（高→低）'],
    ['gap', '差价率（低→高）'],
  ] as const,
  shownOrders: (n: string) => `符合条件的采购 ${n} 笔`,
  shownFlags: (n: string) => `符合条件的标记 ${n} 条`,
  sumsIntro: '以下合计针对全部符合条件的采购（不只是本页）：',
  otherCurrency: (n: string) => `另有 ${n} 笔非人民币订单未计入金额合计`,
  conditions: '当前条件',
  none: '无（全部采购）',
  download: '下载当前列表 (CSV)',
  downloadNote: (n: string) => `即本页显示的 ${n} 行，列与 /data/ 的下载文件相同。`,
  badQuery: '筛选条件有误',
  badQueryHelp: '请检查链接中的参数，或清除筛选后重新选择。',
  needsServer: '筛选和排序由网站服务器完成，不需要 JavaScript。',
};
