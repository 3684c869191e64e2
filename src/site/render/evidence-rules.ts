import { ev } from '../../i18n/evidence.ts';
import { formatQuantity, formatSignedYuan } from '../format/money.ts';
import { formatBp } from '../format/percent.ts';
import { plainPct } from '../format/threshold.ts';
import {
  agencyLink, categoryLink, dayIso, dayText, money, orderLink, productLink, retailer, supplierLink, text, urlPart,
  type Cell, type EvidenceContext, type EvidenceJson, type Reader, type RuleView, type ViewBuilder,
} from './evidence-parts.ts';

/**
 * How each rule's evidence (written by src/domain/flags/*.ts) reads on a page. A view takes
 * the keys it knows from the Reader; whatever it leaves is shown generically afterwards, so a
 * field added to a rule later still appears. Missing or mistyped values just drop their row.
 */

const num = (o: EvidenceJson | undefined, k: string) => (o && typeof o[k] === 'number' ? (o[k] as number) : undefined);
const str = (o: EvidenceJson | undefined, k: string) => (o && typeof o[k] === 'string' ? (o[k] as string) : undefined);

/** The agency and supplier of the evidence, unless the page is already about them. */
function parties(r: Reader, b: ViewBuilder, ctx: EvidenceContext): void {
  const agency = r.str('agency_id');
  const supplier = r.str('supplier_id');
  if (agency && agency !== ctx.agencyId) b.row('agency_id', ev.agency, [agencyLink(agency, ctx)]);
  if (supplier && supplier !== ctx.supplierId) b.row('supplier_id', ev.supplier, [supplierLink(supplier, ctx)]);
}

function product(r: Reader, b: ViewBuilder, ctx: EvidenceContext): void {
  const sku = r.str('sku');
  const line = r.num('line_no');
  if (sku) b.row('sku', ev.product, [productLink(sku, ctx), ...(line !== undefined ? [text(`（${ev.line(line)}）`)] : [])]);
}

/** "¥889.00（2018年12月3日 起）" from a {day, price_fen} point. */
function point(p: EvidenceJson | undefined, since: boolean): Cell | undefined {
  const fen = num(p, 'price_fen');
  const day = str(p, 'day');
  if (fen === undefined) return undefined;
  return [money(fen), ...(day ? [text(since ? ev.since(dayText(day)) : `（${dayText(day)}）`)] : [])];
}

const priceAboveRetail: RuleView = (r, b, ctx) => {
  product(r, b, ctx);
  const unit = r.str('unit');
  const qty = r.num('quantity');
  const price = r.num('unit_price_fen');
  if (price !== undefined) {
    b.row('unit_price_fen', ev.unitPrice, [money(price), text(`${unit ? ` / ${unit}` : ''}${qty !== undefined ? `，数量 ${formatQuantity(qty)}${unit ?? ''}` : ''}`)]);
  }
  const ref = r.num('ref_price_fen');
  const shop = r.str('ref_retailer');
  const day = r.str('ref_observed_on');
  if (ref !== undefined) {
    const where = [shop ? retailer(shop) : '', day ? dayText(day) : ''].filter(Boolean).join('，');
    b.row('ref_price_fen', ev.reference, [money(ref), ...(where ? [text(`（${where}）`)] : [])]);
  }
  const url = r.str('ref_url');
  if (url) b.row('ref_url', ev.retailEvidence, [urlPart(url)]);
  const median = r.num('ref_median_fen');
  if (median !== undefined && median !== ref) b.row('ref_median_fen', ev.median, [money(median)]);
  const gap = r.num('gap_fen');
  const bp = r.num('gap_bp');
  if (gap !== undefined) b.row('gap_fen', ev.gap, [text(`${ev.perUnit} ${formatSignedYuan(gap)}${bp !== undefined ? ` ${formatBp(bp)}` : ''}`)]);
  else if (bp !== undefined) b.row('gap_bp', ev.gap, [text(formatBp(bp))]);
  const over = r.num('overpaid_fen');
  if (over !== undefined) b.row('overpaid_fen', ev.overpaid, [money(over), text(ev.overpaidNote)]);
  const t = r.obj('threshold');
  const tBp = num(t, 'min_gap_bp');
  const tFen = num(t, 'min_gap_fen');
  if (tBp !== undefined && tFen !== undefined) b.row('threshold', ev.rule, [text(ev.thresholds['price-above-retail'](plainPct(tBp), money(tFen).text))]);
  r.hide('ref_observation_id');
};

const orderOverCap: RuleView = (r, b, ctx) => {
  const total = r.num('total_fen');
  const cap = r.num('cap_fen');
  const over = r.num('over_fen');
  const day = r.str('day');
  if (total !== undefined) b.row('total_fen', ev.total, [money(total)]);
  if (cap !== undefined) b.row('cap_fen', ev.orderCap, [money(cap)]);
  if (over !== undefined) b.row('over_fen', ev.over, [money(over)]);
  if (day) b.row('day', ev.orderDay, [text(dayText(day))]);
  parties(r, b, ctx);
};

const annualOverCap: RuleView = (r, b, ctx) => {
  parties(r, b, ctx);
  const year = r.str('year');
  if (year) b.row('year', ev.year, [text(`${year} 年`)]);
  const cap = r.num('cap_fen');
  if (cap !== undefined) b.row('cap_fen', ev.yearCap, [money(cap)]);
  const no = r.str('crossing_order_no');
  const day = r.str('crossing_day');
  const total = r.num('order_total_fen');
  const detail = [day ? dayText(day) : '', total !== undefined ? `${ev.total} ${money(total).text}` : ''].filter(Boolean).join('，');
  if (no) b.row('crossing_order_no', ev.crossing, [...orderLink(no, ctx), ...(detail ? [text(`（${detail}）`)] : [])]);
  const before = r.num('spend_before_fen');
  const count = r.num('orders_so_far');
  if (before !== undefined) b.row('spend_before_fen', ev.before, [money(before), ...(count !== undefined ? [text(ev.beforeCount(count - 1))] : [])]);
  const after = r.num('spend_after_fen');
  if (after !== undefined) b.row('spend_after_fen', ev.after, [money(after)]);
  const all = r.num('year_spend_fen');
  if (all !== undefined && all !== after) b.row('year_spend_fen', ev.yearSpend, [money(all)]);
};

function span(r: Reader, b: ViewBuilder): void {
  const first = r.str('first_day');
  const last = r.str('last_day');
  const days = r.num('span_days');
  const window = r.num('window_days');
  if (first && last) b.row('first_day', ev.span, [text(ev.spanText(dayText(first), dayText(last), days, window))]);
}

const splitOrder: RuleView = (r, b, ctx) => {
  r.hide('group');
  parties(r, b, ctx);
  const cat = r.str('category_code');
  if (cat) b.row('category_code', ev.category, [categoryLink(cat, ctx)]);
  span(r, b);
  const together = r.num('together_fen');
  const cap = r.num('cap_fen');
  if (together !== undefined && cap !== undefined) b.row('together_fen', ev.together, [text(ev.togetherText(money(together).text, money(cap).text))]);
  const orders = r.list('orders');
  if (orders.length > 0) {
    b.tables.push({
      caption: ev.groupCaption(orders.length),
      columns: [{ label: '日期' }, { label: '订单' }, { label: ev.groupAmount, num: true }, { label: ev.total, num: true }],
      rows: orders.map((o) => [
        [text(dayIso(str(o, 'day') ?? ''))],
        str(o, 'order_no') ? orderLink(str(o, 'order_no')!, ctx) : [text('—')],
        [num(o, 'amount_fen') !== undefined ? money(num(o, 'amount_fen')!) : text('—')],
        [num(o, 'order_total_fen') !== undefined ? money(num(o, 'order_total_fen')!) : text('—')],
      ]),
      foot: together !== undefined ? [[text(ev.sum)], [], [money(together)], [text(cap !== undefined ? `${ev.cap} ${money(cap).text}` : '')]] : undefined,
    });
  }
};

const priceHike: RuleView = (r, b, ctx) => {
  product(r, b, ctx);
  const day = r.str('order_day');
  if (day) b.row('order_day', ev.orderDay, [text(dayText(day))]);
  const before = r.obj('lowest_before');
  const at = r.obj('price_at_order');
  const after = r.obj('lowest_after');
  const rise = r.num('rise_bp');
  const fall = r.num('fall_bp');
  b.row('lowest_before', ev.lowestBefore, point(before, true));
  const atCell = point(at, true);
  b.row('price_at_order', ev.atOrder, atCell && [...atCell, ...(rise !== undefined ? [text(ev.rise(formatBp(rise)))] : [])]);
  const afterCell = point(after, false);
  b.row('lowest_after', ev.lowestAfter, afterCell && [...afterCell, ...(fall !== undefined ? [text(ev.fall(formatBp(fall)))] : [])]);
  const paid = r.num('line_unit_price_fen');
  if (paid !== undefined) b.row('line_unit_price_fen', ev.unitPrice, [money(paid)]);
  const bp = r.num('min_change_bp');
  const db = r.num('days_before');
  const da = r.num('days_after');
  if (bp !== undefined && db !== undefined && da !== undefined) b.row('min_change_bp', ev.rule, [text(ev.thresholds['price-hike'](plainPct(bp), db, da))]);
  const history = r.list('history');
  if (history.length > 0) {
    // Mark the rows the rule compared: the lowest before, the price at the order, the lowest after.
    const marks: [string, EvidenceJson | undefined][] = [['before', before], ['at', at], ['after', after]];
    const note = (p: EvidenceJson) => marks.filter(([, q]) => q && str(q, 'day') === str(p, 'day')).map(([k]) => ev.hikeNotes[k]).join('、');
    b.tables.push({
      caption: ev.historyCaption,
      columns: [{ label: '日期' }, { label: ev.listingPrice, num: true }, { label: ev.note }],
      rows: history.map((p) => [[text(dayIso(str(p, 'day') ?? ''))], [num(p, 'price_fen') !== undefined ? money(num(p, 'price_fen')!) : text('—')], [text(note(p))]]),
    });
  }
};

const priceDiscrimination: RuleView = (r, b, ctx) => {
  r.hide('group');
  product(r, b, ctx);
  const unit = r.str('unit');
  if (unit) b.row('unit', ev.unit, [text(unit)]);
  span(r, b);
  const mine = r.num('this_unit_price_fen');
  if (mine !== undefined) b.row('this_unit_price_fen', ev.thisPrice, [money(mine)]);
  const low = r.num('low_fen');
  const high = r.num('high_fen');
  const spread = r.num('spread_bp');
  if (low !== undefined && high !== undefined) b.row('low_fen', ev.range, [text(ev.rangeText(money(low).text, money(high).text, spread !== undefined ? formatBp(spread) : '—'))]);
  const bp = r.num('min_diff_bp');
  const days = r.num('window_days');
  if (bp !== undefined && days !== undefined) b.row('min_diff_bp', ev.rule, [text(ev.thresholds['price-discrimination'](plainPct(bp), days))]);
  const lines = r.list('lines');
  if (lines.length > 0) {
    b.tables.push({
      caption: ev.salesCaption(lines.length),
      columns: [{ label: '日期' }, { label: '订单' }, { label: ev.agency }, { label: ev.unitPrice, num: true }],
      rows: lines.map((l) => [
        [text(dayIso(str(l, 'day') ?? ''))],
        str(l, 'order_no') ? orderLink(str(l, 'order_no')!, ctx) : [text('—')],
        str(l, 'agency_id') ? [agencyLink(str(l, 'agency_id')!, ctx)] : [text('—')],
        [num(l, 'unit_price_fen') !== undefined ? money(num(l, 'unit_price_fen')!) : text('—')],
      ]),
    });
  }
};

const lowRating: RuleView = (r, b, ctx) => {
  const rating = r.num('rating');
  const scale = r.num('scale') ?? 5;
  if (rating !== undefined) b.row('rating', ev.rating, [text(ev.ratingText(rating, scale))]);
  const comment = r.str('comment');
  if (comment) b.row('comment', ev.comment, [text(comment)]);
  const at = r.str('evaluated_at');
  if (at) b.row('evaluated_at', ev.evaluatedAt, [text(dayText(at))]);
  const max = r.num('max_rating');
  if (max !== undefined) b.row('max_rating', ev.rule, [text(ev.thresholds['low-rating'](max))]);
  parties(r, b, ctx);
};

export const RULE_VIEWS: Record<string, RuleView> = {
  'price-above-retail': priceAboveRetail,
  'order-over-cap': orderOverCap,
  'annual-over-cap': annualOverCap,
  'split-order': splitOrder,
  'price-hike': priceHike,
  'price-discrimination': priceDiscrimination,
  'low-rating': lowRating,
};
