/**
 * Flag rules in plain Chinese (DESIGN §7). A flag is a question to verify, never a verdict:
 * the wording says "待核实" and explains innocent causes next to the suspicious ones.
 * `{name}` placeholders in `threshold` are filled from data/rules.json on the methodology page.
 */
export interface RuleText {
  name: string;
  /** One sentence shown beside each flag on a purchase page. */
  explain: string;
  formula: string;
  threshold: string;
  why: string;
  falsePositives: string;
}

export const ruleTexts: Record<string, RuleText> = {
  'price-above-retail': {
    name: '单价明显高于零售价',
    explain: '这条采购记录的单价比同一天前后的电商参考零售价高出较多，需要核实原因。',
    formula: '差价 = 成交单价 − 参考零售价；差价率 = 差价 ÷ 参考零售价。两者同时达到阈值即标记。',
    threshold: '差价率 ≥ {min_gap_bp}，且每单位差价 ≥ {min_gap_fen}',
    why: '同一型号的商品在电商平台以更低价格出售时，财政资金可能多付了钱。',
    falsePositives: '含安装、上门服务或延长保修的报价；配置不同但型号相近的商品；零售价为短期促销价；偏远地区运费。',
  },
  'order-over-cap': {
    name: '单笔订单达到网上商城限额',
    explain: '单笔订单金额达到了网上商城的采购限额，超过限额的采购通常应走其他采购方式。',
    formula: '订单总额 ≥ 限额。',
    threshold: '订单总额 ≥ {cap_fen}',
    why: '网上商城适用于小额零星采购，大额采购应通过招标等更充分的竞争程序。',
    falsePositives: '经批准的例外采购；数据源把多笔订单合并成一条记录。',
  },
  'annual-over-cap': {
    name: '年度网上商城采购额达到限额',
    explain: '该采购单位在本年度的网上商城采购累计金额在这笔订单时达到了年度限额。',
    formula: '同一采购单位同一自然年内的订单金额按时间累加，跨过限额的那一笔订单被标记。',
    threshold: '年度累计 ≥ {cap_fen}',
    why: '持续在网上商城小额采购，可能在规避更规范的集中采购或招标程序。',
    falsePositives: '单位规模大、采购需求确实分散；年度限额已按规定调整；单位合并后沿用同一编号。',
  },
  'split-order': {
    name: '疑似拆分订单',
    explain: '同一采购单位在短时间内向同一供应商购买同一类商品，每笔都低于限额，合计却达到限额。',
    formula: '同一采购单位、同一供应商、同一品目，在 {window_days} 天内的多笔订单各自低于限额而合计 ≥ 限额。',
    threshold: '{window_days} 天内合计 ≥ {cap_fen}',
    why: '把一笔大额采购拆成几笔小额订单，可以避开限额带来的审批和竞争要求。',
    falsePositives: '确有多次独立需求（如不同科室分别下单）；分批到货的长期合同。',
  },
  'price-hike': {
    name: '下单前后挂牌价短暂上涨',
    explain: '这件商品的挂牌价在下单前不久上涨，又在下单后不久回落。',
    formula: '下单前 {days_before} 天内挂牌价上涨 ≥ 阈值，且下单后 {days_after} 天内回落。',
    threshold: '涨幅 ≥ {min_change_bp}',
    why: '价格只在采购那几天上涨，可能是供应商针对这笔采购临时抬价。',
    falsePositives: '原材料或汇率引起的真实涨价；平台促销结束与再次开始；价格记录缺少某些日期。',
  },
  'price-discrimination': {
    name: '同一商品对不同单位价格不同',
    explain: '同一商品在几天之内卖给不同采购单位，成交单价差别较大。',
    formula: '同一商品编号在 {window_days} 天内成交给不同采购单位，最高与最低单价之差 ÷ 最低单价 ≥ 阈值。',
    threshold: '价差 ≥ {min_diff_bp}',
    why: '同样的商品，财政资金应当以同样的价格买到。',
    falsePositives: '数量折扣；运费或安装费计入单价；挂牌价在这几天内正常调整。',
  },
  'low-rating': {
    name: '采购单位评价较低',
    explain: '采购单位对这笔订单给出了较低的评价。',
    formula: '采购单位评分（1–5 分）≤ 阈值。',
    threshold: '评分 ≤ {max_rating} 分',
    why: '低评价可能说明商品质量、交货或服务存在问题，值得关注供应商的履约情况。',
    falsePositives: '评价针对物流等与价格无关的环节；误操作打出的低分。',
  },
};

/** Unknown rule ids (a newer analyze than this site) are shown by id rather than hidden. */
export function ruleName(rule: string): string {
  return ruleTexts[rule]?.name ?? rule;
}
