import type { APIRoute } from 'astro';
import { agencyById } from '../../../../db/queries/parties.ts';
import { pageVersion, pagesToRender } from '../../../integrations/render-plan.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { agencyPath } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one agency: its new purchases, withdrawals and flags. */
export function getStaticPaths() {
  // Incremental builds render only changed agencies (render-plan.ts).
  return pagesToRender('agency').map(([id, seg]) => ({ params: { id: seg }, props: { id } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const id = (props as { id: string }).id;
  const name = agencyById(id)?.name ?? id;
  return atomFeed({ subject: { kind: 'agency', id }, title: `${t.site.name}：${name}的采购与异常`, selfPath: feedPathOf(agencyPath(id)), pagePath: agencyPath(id), site,
    // Dated from the agency's own data (not the site's), so it stays the same while the agency does.
    updated: pageVersion('agency', id)?.updated_at });
};
