import { z } from 'zod';
import { implausibleCny, lineAmountFen, fenToYuanString, parsePositiveQuantity } from '../../domain/money.ts';
import type { OrderRecord, WithdrawnStatus } from '../core/records.ts';
import {
  idOf, idText, optionalId, optionalIdOf, optionalText, optionalTextOf, positiveFenOf, positiveMoneyFen, positiveQuantity,
  requiredText, requiredTextOf, timestamp,
} from '../core/field-validators.ts';
import { parseTimestamp } from '../../domain/time.ts';

/**
 * Order statuses the platform uses (DESIGN §3, Order lifecycle), with the Chinese words some
 * exports write. `completed` is a purchase; refunded, cancelled and returned versions withdraw
 * one (`closed` is the platform's word for an order cancelled before it was paid); the others
 * are orders in progress, kept out of the public tables until they complete.
 */
const STATUS_WORDS: Record<string, OrderLifecycle> = {
  completed: 'completed', 已完成: 'completed', 完成: 'completed',
  refunded: 'refunded', 退款: 'refunded', 已退款: 'refunded',
  cancelled: 'cancelled', canceled: 'cancelled', closed: 'cancelled', 取消: 'cancelled', 已取消: 'cancelled', 已关闭: 'cancelled',
  returned: 'returned', 退货: 'returned', 已退货: 'returned',
  pending: 'in-progress', paid: 'in-progress', shipped: 'in-progress', 待付款: 'in-progress', 已付款: 'in-progress', 已发货: 'in-progress',
};
export type OrderLifecycle = 'completed' | WithdrawnStatus | 'in-progress';

/** What a status word means, or undefined for a word the platform does not use. */
export function orderLifecycle(status: unknown): OrderLifecycle | undefined {
  return typeof status === 'string' ? STATUS_WORDS[status.trim().toLowerCase()] : undefined;
}

/** The fields a withdrawal needs: which order, what happened, and when (to order the versions). */
export const feedWithdrawalSchema = z.object({ order_no: idText, updated_at: timestamp });

const line = z.object({
  sku: optionalId,
  title: requiredText(500),
  brand: optionalText(200),
  model: optionalText(200),
  spec: optionalText(),
  unit: requiredText(20),
  quantity: positiveQuantity,
  unit_price: positiveMoneyFen,
  amount: positiveMoneyFen,
});

/**
 * Platform feed v1 order, `contact` already removed by the adapter. Totals must add up: a
 * line amount that is not its unit price times its quantity, or a total that is not the sum
 * of its lines, rejects the whole order (a partial or inconsistent order would publish a
 * wrong figure). One fen of rounding per line is tolerated.
 */
export const feedOrderSchema = z
  .object({
    order_no: idText,
    buyer: z.object({ id: idText, name: requiredText(200) }),
    supplier: z.object({ id: idText, name: requiredText(200), credit_code: optionalText(40) }),
    placed_at: timestamp,
    completed_at: timestamp,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code').optional(),
    lines: z.array(line).min(1, 'has no lines'),
    total: positiveMoneyFen,
    evaluation: z
      .object({
        rating: z.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
        comment: optionalText(),
        at: timestamp.nullish().transform((v) => v ?? null),
      })
      .nullish(),
    updated_at: timestamp,
  })
  .superRefine((o, ctx) => {
    // Zod still runs refinements on a record whose fields failed (their values are then
    // placeholders): cross-field checks only make sense when every input parsed.
    const ok = (v: unknown) => typeof v === 'number' || typeof v === 'string';
    if (!ok(o.total) || o.lines.some((l) => !ok(l.amount) || !ok(l.unit_price) || !ok(l.quantity))) return;
    let sum = 0;
    o.lines.forEach((l, i) => {
      const expected = lineAmountFen(l.unit_price, l.quantity);
      if (Math.abs(expected - l.amount) > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'amount'],
          message: `is ${fenToYuanString(l.amount)} but unit_price × quantity is ${fenToYuanString(expected)}`,
        });
      }
      sum += l.amount;
    });
    if ((o.currency ?? 'CNY') === 'CNY') {
      const tooBig = implausibleCny(o.total);
      if (tooBig) ctx.addIssue({ code: 'custom', path: ['total'], message: tooBig });
      o.lines.forEach((l, i) => {
        const why = implausibleCny(l.unit_price);
        if (why) ctx.addIssue({ code: 'custom', path: ['lines', i, 'unit_price'], message: why });
      });
    }
    if (Math.abs(sum - o.total) > o.lines.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['total'],
        message: `is ${fenToYuanString(o.total)} but the lines add up to ${fenToYuanString(sum)}`,
      });
    }
    if (ok(o.completed_at) && ok(o.placed_at) && o.completed_at < o.placed_at) {
      ctx.addIssue({ code: 'custom', path: ['completed_at'], message: `is before placed_at (${o.placed_at})` });
    }
  })
  .transform(
    (o): OrderRecord => ({
      order_no: o.order_no,
      buyer: { id: o.buyer.id, name: o.buyer.name },
      supplier: { id: o.supplier.id, name: o.supplier.name, credit_code: o.supplier.credit_code },
      placed_at: o.placed_at,
      completed_at: o.completed_at,
      currency: o.currency ?? 'CNY',
      lines: o.lines.map((l, i) => ({
        line_no: i + 1,
        sku: l.sku,
        title: l.title,
        brand: l.brand,
        model: l.model,
        spec: l.spec,
        unit: l.unit,
        quantity: l.quantity,
        unit_price_fen: l.unit_price,
        amount_fen: l.amount,
      })),
      total_fen: o.total,
      evaluation: o.evaluation ? { rating: o.evaluation.rating, comment: o.evaluation.comment, at: o.evaluation.at } : null,
      updated_at: o.updated_at,
    }),
  );

const CURRENCY = /^[A-Z]{3}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * feedOrderSchema without zod, for the common case: a record whose every field passes the same
 * rules (field-validators.ts) and the same cross-field checks gives the same OrderRecord, at a
 * fraction of the cost (zod's pipes were ≈ 40 % of parsing a feed file). Anything else (a
 * field that fails, a check that does not hold) returns undefined, and zod parses the record
 * and gives the reasons. tests/unit/order-fast-path.test.ts holds the two to the same results.
 */
export function fastFeedOrder(input: unknown): OrderRecord | undefined {
  if (!isObject(input) || !isObject(input.buyer) || !isObject(input.supplier) || !Array.isArray(input.lines)) return undefined;
  if (input.lines.length === 0) return undefined;
  const evaluation = fastEvaluation(input.evaluation);
  if (evaluation === undefined) return undefined;
  if (input.currency !== undefined && !(typeof input.currency === 'string' && CURRENCY.test(input.currency))) return undefined;
  const order_no = idOf(input.order_no);
  const buyerId = idOf(input.buyer.id);
  const buyerName = requiredTextOf(input.buyer.name, 200);
  const supplierId = idOf(input.supplier.id);
  const supplierName = requiredTextOf(input.supplier.name, 200);
  const creditCode = optionalTextOf(input.supplier.credit_code, 40);
  const placed = parseTimestamp(input.placed_at);
  const completed = parseTimestamp(input.completed_at);
  const total = positiveFenOf(input.total);
  const updated = parseTimestamp(input.updated_at);
  if (!order_no.ok || !buyerId.ok || !buyerName.ok || !supplierId.ok || !supplierName.ok || !creditCode.ok) return undefined;
  if (!placed.ok || !completed.ok || !total.ok || !updated.ok) return undefined;
  const currency = (input.currency as string | undefined) ?? 'CNY';
  if (currency === 'CNY' && implausibleCny(total.value)) return undefined;
  if (completed.value < placed.value) return undefined;
  const lines: OrderRecord['lines'] = [];
  let sum = 0;
  for (let i = 0; i < input.lines.length; i++) {
    const l: unknown = input.lines[i];
    if (!isObject(l)) return undefined;
    const sku = optionalIdOf(l.sku);
    const title = requiredTextOf(l.title, 500);
    const brand = optionalTextOf(l.brand, 200);
    const model = optionalTextOf(l.model, 200);
    const spec = optionalTextOf(l.spec);
    const unit = requiredTextOf(l.unit, 20);
    const quantity = parsePositiveQuantity(l.quantity);
    const unitPrice = positiveFenOf(l.unit_price);
    const amount = positiveFenOf(l.amount);
    if (!sku.ok || !title.ok || !brand.ok || !model.ok || !spec.ok || !unit.ok || !quantity.ok || !unitPrice.ok || !amount.ok) return undefined;
    if (Math.abs(lineAmountFen(unitPrice.value, quantity.value) - amount.value) > 1) return undefined;
    if (currency === 'CNY' && implausibleCny(unitPrice.value)) return undefined;
    sum += amount.value;
    lines.push({
      line_no: i + 1, sku: sku.value, title: title.value, brand: brand.value, model: model.value, spec: spec.value,
      unit: unit.value, quantity: quantity.value, unit_price_fen: unitPrice.value, amount_fen: amount.value,
    });
  }
  if (Math.abs(sum - total.value) > lines.length) return undefined;
  return {
    order_no: order_no.value,
    buyer: { id: buyerId.value, name: buyerName.value },
    supplier: { id: supplierId.value, name: supplierName.value, credit_code: creditCode.value },
    placed_at: placed.value,
    completed_at: completed.value,
    currency,
    lines,
    total_fen: total.value,
    evaluation,
    updated_at: updated.value,
  };
}

/** The evaluation as feedOrderSchema reads it (null when absent), or undefined to leave it to zod. */
function fastEvaluation(e: unknown): OrderRecord['evaluation'] | undefined {
  if (e == null) return null;
  if (!isObject(e)) return undefined;
  const { rating } = e;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) return undefined;
  const comment = optionalTextOf(e.comment);
  const at = e.at == null ? ({ ok: true, value: null } as const) : parseTimestamp(e.at);
  if (!comment.ok || !at.ok) return undefined;
  return { rating, comment: comment.value, at: at.value };
}
