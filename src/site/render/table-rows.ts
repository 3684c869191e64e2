import type { OrderLineRow } from '../../db/queries/order-detail.ts';
import type { OrderSummary } from '../../db/queries/orders.ts';
import type { ProductPurchase } from '../../db/queries/products.ts';
import { retailerName, ruleName, t } from '../../i18n/zh-CN.ts';
import { formatDayIso } from '../format/date.ts';
import { gapHtml } from './gap-html.ts';
import { html, type Html } from './html.ts';
import { formatMoney, formatQuantity, formatYuan } from '../format/money.ts';
import { agencyPath, orderPath, productPath, supplierPath } from '../format/paths.ts';
import { safeHttpUrl } from '../format/url.ts';

/**
 * The rows of the site's long tables as one escaped string each (see html.ts): rendered
 * through Astro expression by expression, these rows were the larger part of a product
 * page's render time. The components keep the table, caption and headers.
 */

const noRef = (text: string = t.gap.noRef): Html => html`<span class="no-ref">${text}</span>`;

/** A product's purchases: day, order, agency, quantity, unit price, reference, gap. */
export function purchaseRows(purchases: readonly ProductPurchase[]): string {
  return html`${purchases.map((x) => {
    const cny = x.currency === 'CNY';
    const ref = x.ref_price_fen !== null && cny ? `${formatYuan(x.ref_price_fen)} ${retailerName(x.ref_retailer)}` : noRef();
    const order = html`<a href="${orderPath(x.order_no)}">${x.order_no}</a>`;
    const agency = html`<a href="${agencyPath(x.agency_id)}">${x.agency_name ?? x.agency_id}</a>`;
    return html`<tr><td>${formatDayIso(x.placed_at)}</td><td>${order}</td><td>${agency}</td><td class="num">${formatQuantity(x.quantity)} ${x.unit}</td><td class="num">${formatMoney(x.unit_price_fen, x.currency)}</td><td>${ref}</td><td>${cny ? gapHtml(x.gap_fen, x.gap_bp) : noRef('—')}</td></tr>`;
  })}`.html;
}

/** A list of purchases: day, order, what, agency and supplier (optional), amount, net gap. */
export function orderRows(orders: readonly OrderSummary[], showAgency: boolean, showSupplier: boolean): string {
  return html`${orders.map((o) => {
    // The order's gap ratio as analyze stored it (the same figure everywhere).
    const gap = o.currency === 'CNY' ? gapHtml(o.net_gap_fen, o.gap_bp) : noRef();
    const rules = o.flag_rules ? o.flag_rules.split(' ') : [];
    // Flagged rows are marked with a sign and words, never colour alone (UI.md).
    const marker = rules.length > 0 && html` <a class="flag-marker" href="${`${orderPath(o.order_no)}#flags`}" title="${`${t.words.flags}：${rules.map(ruleName).join('、')}`}">${`⚑ ${rules.length} 项待核实`}</a>`;
    const order = html`<a href="${orderPath(o.order_no)}">${o.order_no}</a>${marker}`;
    const agency = showAgency && html`<td><a href="${agencyPath(o.agency_id)}">${o.agency_name ?? o.agency_id}</a></td>`;
    const supplier = showSupplier && html`<td><a href="${supplierPath(o.supplier_id)}">${o.supplier_name ?? o.supplier_id}</a></td>`;
    return html`<tr><td>${formatDayIso(o.placed_at)}</td><td>${order}</td><td>${o.first_title ?? '—'}${o.line_count > 1 && ` 等 ${o.line_count} 项`}</td>${agency}${supplier}<td class="num">${formatMoney(o.total_fen, o.currency)}</td><td>${gap}</td></tr>`;
  })}`.html;
}

/** A chart's data table: one row per day, one cell per series ("—" where it has no price). */
export function priceTableRows(days: readonly string[], display: readonly (readonly (string | null)[])[]): string {
  return html`${days.map((d, di) =>
    html`<tr><th scope="row"><time datetime="${d}">${d}</time></th>${display.map((s) => html`<td class="num">${s[di] ?? '—'}</td>`)}</tr>`,
  )}`.html;
}

/**
 * The lines of one purchase with their retail reference and gap. A line without a reference
 * says 无参考价 and why, never a zero gap; the reference links to the retail page it came
 * from (the evidence).
 */
export function orderLineRows(lines: readonly OrderLineRow[], currency: string, orderNo?: string): string {
  // From a purchase, the product link opens its price history with this purchase's window shaded.
  const history = orderNo === undefined ? '' : `?order=${encodeURIComponent(orderNo)}#history`;
  return html`${lines.map((l) => {
    const url = safeHttpUrl(l.ref_url);
    const hasRef = l.ref_price_fen !== null && l.gap_bp !== null && currency === 'CNY';
    const what = l.sku ? html`<a href="${`${productPath(l.sku)}${history}`}">${l.title}</a>` : l.title;
    const detail = [l.brand, l.model, l.spec].filter(Boolean).join(' · ');
    // Which retailer, which kind of store, and which day (DESIGN §6: never "the same day" unless it was).
    const store = l.ref_self_operated === 1 ? t.gap.selfOperated : l.ref_self_operated === 0 ? t.gap.marketplace : '';
    const where = `${t.gap.refLabel}：${retailerName(l.ref_retailer)}${store && `（${store}）`} ${l.ref_observed_on ? formatDayIso(l.ref_observed_on) : ''}`;
    const archive = safeHttpUrl(l.ref_archive_url);
    const median = l.ref_median_fen !== null && (l.ref_count ?? 0) > 1 && html`<br>${`${t.gap.median} ${formatYuan(l.ref_median_fen)}（${l.ref_count} 个平台）`}`;
    const ref = hasRef
      ? html`${formatYuan(l.ref_price_fen!)}<br><span class="note">${where}${median}</span>${url && html`<br><a class="evidence-link" href="${url}" rel="nofollow noopener">${t.words.evidence}</a>`}${archive && html` · <a class="evidence-link" href="${archive}" rel="nofollow noopener">${t.gap.archived}</a>`}`
      : html`<span class="no-ref">${t.gap.noRef}</span><br><span class="note">${noRefReason(l, currency)}</span>`;
    return html`<tr><td>${l.line_no}</td><td>${what}${detail && html`<br><span class="note">${detail}</span>`}</td><td class="num">${formatQuantity(l.quantity)} ${l.unit}</td><td class="num">${formatMoney(l.unit_price_fen, currency)}</td><td class="num">${formatMoney(l.amount_fen, currency)}</td><td>${ref}</td><td>${hasRef ? gapHtml(l.gap_fen, l.gap_bp) : noRef('—')}</td></tr>`;
  })}`.html;
}

function noRefReason(l: OrderLineRow, currency: string): string {
  const key = !l.analysed ? 'not analysed' : currency !== 'CNY' ? 'currency' : l.no_ref_reason ?? '';
  return t.gap.noRefReasons[key] ?? t.gap.noRefDefault;
}
