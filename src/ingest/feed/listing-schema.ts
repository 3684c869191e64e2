import { z } from 'zod';
import type { ListingRecord } from '../core/records.ts';
import { implausibleCny } from '../../domain/money.ts';
import { idText, positiveMoneyFen, optionalText, requiredText, timestamp } from '../core/field-validators.ts';

/** Platform feed v1 listing (DESIGN §3). */
export const feedListingSchema = z
  .object({
    sku: idText,
    supplier: z.object({ id: idText, name: requiredText(200), credit_code: optionalText(40) }),
    category_code: requiredText(40),
    brand: requiredText(200),
    model: requiredText(200),
    title: requiredText(500),
    spec: optionalText(),
    unit: requiredText(20),
    // Listings are priced in yuan.
    price: positiveMoneyFen.refine((fen) => typeof fen !== 'number' || implausibleCny(fen) === null, 'is more than ¥1,000,000,000, not a plausible amount'),
    gtin: optionalText(20),
    status: z.enum(['on_sale', 'off_sale']),
    updated_at: timestamp,
  })
  .transform(
    (l): ListingRecord => ({
      sku: l.sku,
      supplier: { id: l.supplier.id, name: l.supplier.name, credit_code: l.supplier.credit_code },
      category_code: l.category_code,
      brand: l.brand,
      model: l.model,
      title: l.title,
      spec: l.spec,
      unit: l.unit,
      price_fen: l.price,
      gtin: l.gtin,
      status: l.status,
      updated_at: l.updated_at,
    }),
  );
