import { z } from 'zod';
import { implausibleCny, lineAmountFen, fenToYuanString } from '../../domain/money.ts';
import type { OrderRecord, WithdrawnStatus } from '../core/records.ts';
import { idText, optionalId, optionalText, positiveMoneyFen, positiveQuantity, requiredText, timestamp } from '../core/field-validators.ts';

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
