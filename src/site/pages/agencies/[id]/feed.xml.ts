import type { APIRoute } from 'astro';
import { agencyById, allAgencyIds } from '../../../../db/queries/parties.ts';
import { t } from '../../../../i18n/zh-CN.ts';
import { agencyPath, distinctSegments } from '../../../format/paths.ts';
import { atomFeed, feedPathOf } from '../../../render/atom.ts';

/** Follow one agency: its new purchases, withdrawals and flags. */
export function getStaticPaths() {
  return [...distinctSegments('agencies', allAgencyIds())].map(([id, seg]) => ({ params: { id: seg }, props: { id } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const id = (props as { id: string }).id;
  const name = agencyById(id)?.name ?? id;
  return atomFeed({ subject: { kind: 'agency', id }, title: `${t.site.name}：${name}的采购与异常`, selfPath: feedPathOf(agencyPath(id)), pagePath: agencyPath(id), site });
};
