import { z } from 'zod/v4';
import { lineAmountFen, fenToYuanString } from '../../domain/money.ts';
import type { OrderRecord } from '../../schema/records.ts';
import { idText, optionalId, optionalText, positiveMoneyFen, positiveQuantity, requiredText, timestamp } from './zod-helpers.ts';

/** Order statuses the platform uses; only `completed` orders are kept, the others are skipped. */
export const ORDER_STATUSES = ['completed', 'pending', 'paid', 'shipped', 'cancelled', 'refunded', 'closed'] as const;

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
    status: z.enum(ORDER_STATUSES),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code').optional(),
    lines: z.array(line).min(1, 'has no lines'),
    total: positiveMoneyFen,
    evaluation: z
      .object({
        rating: z.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
        comment: optionalText(),
        at: z.union([timestamp, z.null(), z.undefined()]).transform((v) => v ?? null),
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
    (o): OrderRecord & { status: (typeof ORDER_STATUSES)[number] } => ({
      order_no: o.order_no,
      status: o.status,
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
