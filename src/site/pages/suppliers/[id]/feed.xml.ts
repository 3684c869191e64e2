import type { APIRoute } from 'astro';
import { supplierById } from '../../../../db/queries/parties.ts';
import { pageVersion, pagesToRender } from '../../../integrations/render-plan.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { supplierPath } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one supplier: its new purchases, withdrawals and flags. */
export function getStaticPaths() {
  // Incremental builds render only changed suppliers (render-plan.ts).
  return pagesToRender('supplier').map(([id, seg]) => ({ params: { id: seg }, props: { id } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const id = (props as { id: string }).id;
  const name = supplierById(id)?.name ?? id;
  return atomFeed({ subject: { kind: 'supplier', id }, title: `${t.site.name}：${name}的成交与异常`, selfPath: feedPathOf(supplierPath(id)), pagePath: supplierPath(id), site,
    // Dated from the supplier's own data (not the site's), so it stays the same while the supplier does.
    updated: pageVersion('supplier', id)?.updated_at });
};
