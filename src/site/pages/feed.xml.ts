import type { APIRoute } from 'astro';
import { feedFlags, feedOrders } from '../../db/queries/feed.ts';
import { siteFacts } from '../../db/queries/site.ts';
import { ruleName, t } from '../../i18n/zh-CN.ts';
import { formatMoney } from '../format/money.ts';
import { formatDayText, toRfc3339 } from '../format/date.ts';
import { orderPath } from '../format/paths.ts';
import { xmlEscape } from '../render/xml.ts';

/**
 * Atom feed of the newest purchases and flags. Deterministic: every timestamp comes from the
 * data (completion times, the last successful run), ids are tag: URIs, and links are relative
 * to the feed's own address unless the site URL is configured.
 */
const N = 50;

export const GET: APIRoute = ({ site }) => {
  const base = site ? site.href.replace(/\/$/, '') : '';
  const orders = feedOrders(N);
  const flags = feedFlags(N);
  type Entry = { id: string; title: string; href: string; updated: string; summary: string };
  const entries: Entry[] = [
    ...orders.map((o) => {
      const title = `${o.agency_name ?? ''}采购${o.title ?? o.order_no}`;
      const summary = `${formatDayText(o.placed_at)}，${o.agency_name ?? ''}向${o.supplier_name ?? ''}采购，订单总额 ${formatMoney(o.total_fen, o.currency)}。`;
      // A withdrawal updates the purchase's own entry (same id), so readers see it was undone.
      const word = o.withdrawn_at === null ? undefined : t.order.withdrawnWord[o.status];
      return {
        id: `tag:sunshine-procurement,2018:order:${o.order_no}`,
        title: word ? t.order.withdrawnFeedTitle(word, title) : title,
        href: `${base}${orderPath(o.order_no)}`,
        updated: toRfc3339(o.withdrawn_at ?? o.completed_at),
        summary: word ? `${summary}${t.order.withdrawnNotice(word, formatDayText(o.withdrawn_at!))}` : summary,
      };
    }),
    ...flags.map((f) => ({
      id: `tag:sunshine-procurement,2018:flag:${f.id}`,
      title: `待核实：${ruleName(f.rule)}（${f.order_no}）`,
      href: `${base}${orderPath(f.order_no)}#flags`,
      updated: toRfc3339(f.completed_at),
      summary: `${f.agency_name ?? ''}的采购 ${f.order_no} 触发规则“${ruleName(f.rule)}”。这是需要核实的问题，不是结论。`,
    })),
  ].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
  const updated = siteFacts().lastUpdated ?? entries[0]?.updated ?? '1970-01-01T00:00:00+08:00';
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${xmlEscape(`${t.site.name}：最新采购与待核实的异常`)}</title>`,
    `<id>tag:sunshine-procurement,2018:feed</id>`,
    `<updated>${toRfc3339(updated)}</updated>`,
    `<link rel="self" href="${xmlEscape(`${base}/feed.xml`)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(`${base}/`)}"/>`,
    `<author><name>${xmlEscape(t.site.name)}</name></author>`,
    ...entries.map((e) => [
      '<entry>',
      `<id>${xmlEscape(e.id)}</id>`,
      `<title>${xmlEscape(e.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(e.href)}"/>`,
      `<updated>${e.updated}</updated>`,
      `<summary>${xmlEscape(e.summary)}</summary>`,
      '</entry>',
    ].join('')),
    '</feed>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
