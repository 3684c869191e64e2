import type { APIRoute } from 'astro';
import { t } from '../../i18n/zh-CN.ts';
import { atomFeed, atomResponse } from '../render/atom.ts';

/** The site's Atom feed: the newest purchases, withdrawals and flags (see render/atom.ts). */
export const GET: APIRoute = ({ site }) =>
  atomResponse(atomFeed({ subject: { kind: 'site' }, title: `${t.site.name}：最新采购与待核实的异常`, selfPath: '/feed.xml', pagePath: '/', site }));
