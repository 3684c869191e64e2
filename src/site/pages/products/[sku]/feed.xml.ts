import type { APIRoute } from 'astro';
import { productBySku } from '../../../../db/queries/product-page.ts';
import { pageVersion, pagesToRender } from '../../../integrations/render-plan.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { productPath } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one product: who bought it, at what price, withdrawals and flags. */
export function getStaticPaths() {
  // Incremental builds render only changed products (render-plan.ts).
  return pagesToRender('product').map(([sku, seg]) => ({ params: { sku: seg }, props: { sku } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const sku = (props as { sku: string }).sku;
  const title = productBySku(sku)?.title ?? sku;
  return atomFeed({ subject: { kind: 'product', id: sku }, title: `${t.site.name}：${title}的采购`, selfPath: feedPathOf(productPath(sku)), pagePath: productPath(sku), site,
    // Dated from the product's own data (not the site's), so it stays the same while the product does.
    updated: pageVersion('product', sku)?.updated_at });
};
