import type { APIRoute } from 'astro';
import { ruleCounts } from '../../../../db/queries/flags.ts';
import { ruleName, t } from '../../../../i18n/zh-CN.ts';
import { distinctSegments, flagRulePath } from '../../../format/paths.ts';
import { atomFeed, atomResponse, feedPathOf } from '../../../render/atom.ts';

/** Follow one flag rule: the purchases it newly flags. */
export function getStaticPaths() {
  return [...distinctSegments('flag rules', ruleCounts().map((r) => r.rule))].map(([rule, seg]) => ({ params: { rule: seg }, props: { rule } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const rule = (props as { rule: string }).rule;
  return atomResponse(atomFeed({ subject: { kind: 'rule', id: rule }, title: `${t.site.name}：待核实的异常“${ruleName(rule)}”`, selfPath: feedPathOf(flagRulePath(rule)), pagePath: flagRulePath(rule), site }));
};
