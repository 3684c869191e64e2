import type { APIRoute } from 'astro';
import { planFeeds } from '../../../../db/queries/feed.ts';
import { supplierById, allSupplierIds } from '../../../../db/queries/parties.ts';
import { pageVersion, renderPlan } from '../../../integrations/render-plan.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { supplierPath, distinctSegments } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one supplier: its new purchases, withdrawals and flags. */
export function getStaticPaths() {
  const plan = renderPlan(); // incremental builds render only changed suppliers (render-plan.ts)
  const paths = [...distinctSegments('suppliers', allSupplierIds())].filter(([id]) => plan.renders('supplier', id)).map(([id, seg]) => ({ params: { id: seg }, props: { id } }));
  planFeeds('supplier', paths.map((p) => p.props.id)); // read together (db/queries/feed.ts)
  return paths;
}

export const GET: APIRoute = ({ props, site }) => {
  const id = (props as { id: string }).id;
  const name = supplierById(id)?.name ?? id;
  return atomFeed({ subject: { kind: 'supplier', id }, title: `${t.site.name}：${name}的成交与异常`, selfPath: feedPathOf(supplierPath(id)), pagePath: supplierPath(id), site,
    // Dated from the supplier's own data (not the site's), so it stays the same while the supplier does.
    updated: pageVersion('supplier', id)?.updated_at });
};
