import type { APIRoute } from 'astro';
import { planFeeds } from '../../../../db/queries/feed.ts';
import { productBySku, planProductPages } from '../../../../db/queries/product-page.ts';
import { pageVersion, renderPlan } from '../../../integrations/render-plan.ts';
import { allSkus } from '../../../../db/queries/products.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { distinctSegments, productPath } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one product: who bought it, at what price, withdrawals and flags. */
export function getStaticPaths() {
  const plan = renderPlan(); // incremental builds render only changed products (render-plan.ts)
  const paths = [...distinctSegments('products', allSkus())].filter(([sku]) => plan.renders('product', sku)).map(([sku, seg]) => ({ params: { sku: seg }, props: { sku } }));
  planProductPages(paths.map((p) => p.props.sku)); // the data layer reads these pages' data together (window.ts)
  planFeeds('product', paths.map((p) => p.props.sku)); // read together (db/queries/feed.ts)
  return paths;
}

export const GET: APIRoute = ({ props, site }) => {
  const sku = (props as { sku: string }).sku;
  const title = productBySku(sku)?.title ?? sku;
  return atomFeed({ subject: { kind: 'product', id: sku }, title: `${t.site.name}：${title}的采购`, selfPath: feedPathOf(productPath(sku)), pagePath: productPath(sku), site,
    // Dated from the product's own data (not the site's), so it stays the same while the product does.
    updated: pageVersion('product', sku)?.updated_at });
};
