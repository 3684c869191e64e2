import { listingPriceHistory, productBySku, retailHistory } from '../../db/queries/product-page.ts';
import { retailerName } from '../../i18n/zh-CN.ts';

/**
 * The price series of one product as the chart, its table and its CSV all show them: the
 * platform's listed price, then each retailer's CNY sale prices converted to the listing's unit.
 * One function, so the three never disagree.
 */
export function priceSeries(sku: string): { series: { label: string; points: { day: string; price_fen: number }[] }[]; retailers: string[]; unconvertible: number } {
  const p = productBySku(sku)!;
  const { points: retail, unconvertible } = retailHistory(sku, p);
  const retailers = [...new Set(retail.map((r) => r.retailer))];
  const series = [
    { label: '平台挂牌价', points: listingPriceHistory(sku) },
    ...retailers.map((r) => ({
      label: retailerName(r),
      points: retail.filter((x) => x.retailer === r).map((x) => ({ day: x.observed_on, price_fen: x.price_fen })),
    })),
  ];
  return { series, retailers, unconvertible };
}
