/**
 * Strings of the search page and its client. Kept beside the client because the browser
 * bundle needs them too; they follow the wording of src/i18n/zh-CN.ts (UI.md) and can move
 * there once that file exports a search section.
 */
export const searchText = {
  title: '搜索',
  intro: '按采购单位、供应商、品牌、型号或商品名称搜索采购记录、商品、采购单位和供应商，可再按条件筛选和排序。',
  label: '搜索关键词',
  placeholder: '例如：打印机、惠普、M202dw、复印纸',
  submit: '搜索',
  filtersLegend: '筛选',
  any: '全部',
  sortLabel: '排序',
  sorts: {
    relevance: '相关度',
    'date:desc': '日期（新→旧）',
    'date:asc': '日期（旧→新）',
    'amount:desc': '金额（高→低）',
    'amount:asc': '金额（低→高）',
    // Only descending: pages without a retail reference sort below every real gap, so an
    // ascending gap sort would open with them rather than with the biggest savings.
    'gap:desc': '差价（高于零售价最多）',
  },
  filters: {
    kind: '类型',
    agency: '采购单位',
    supplier: '供应商',
    category: '品目',
    year: '年份',
    flag: '待核实的异常',
  },
  clear: '清除筛选',
  loading: '正在加载搜索索引…',
  loadFailed: '搜索索引加载失败。请稍后再试，或从下面的目录页浏览。',
  prompt: '输入关键词，或选择筛选条件。',
  none: '没有找到结果。可以换一个词（如品牌的中文或英文名、型号），或减少筛选条件。',
  found: (n: number) => `找到 ${n} 条结果`,
  showing: (shown: number, n: number) => `（显示前 ${shown} 条）`,
  more: '显示更多',
  noJs: '搜索需要启用 JavaScript。不用 JavaScript 也可以从这些目录页浏览全部数据：',
  browse: [
    { href: '/orders/', text: '全部采购记录' },
    { href: '/agencies/', text: '采购单位' },
    { href: '/suppliers/', text: '供应商' },
    { href: '/categories/', text: '品目' },
  ],
  meta: {
    amount: '金额',
    gap: '差价',
    date: '日期',
    agency: '采购单位',
  },
} as const;

export const FILTER_KEYS = ['kind', 'agency', 'supplier', 'category', 'year', 'flag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_KEYS = ['relevance', 'date:desc', 'date:asc', 'amount:desc', 'amount:asc', 'gap:desc'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
