import { feedFlags, feedOrders, type FeedSubject } from '../../db/queries/feed.ts';
import { FEED_ENTRY_LIMIT } from '../../db/queries/paging.ts';
import { siteFacts } from '../../db/queries/site.ts';
import { ruleName, t } from '../../i18n/zh-CN.ts';
import { formatMoney } from '../format/money.ts';
import { formatDayText, toRfc3339 } from '../format/date.ts';
import { orderPath } from '../format/paths.ts';
import { xmlEscape } from './xml.ts';

/**
 * An Atom feed of the newest purchases, withdrawals and flags — of the whole site or of one
 * agency, supplier, product or flag rule, so a journalist can follow one of them the way
 * Keepa users follow one product. Deterministic: every timestamp comes from the data, ids are
 * tag: URIs, and links are relative to the feed unless the site URL is configured.
 */
const N = FEED_ENTRY_LIMIT;

/**
 * `updated`: when the feed last changed; default the site's last update. A product's, agency's
 * or supplier's feed is re-rendered only when that page's data changes (incremental builds), so
 * it passes the day of its own data version instead.
 */
export function atomFeed(opts: { subject: FeedSubject; title: string; selfPath: string; pagePath: string; site: URL | undefined; updated?: string | undefined }): string {
  const base = opts.site ? opts.site.href.replace(/\/$/, '') : '';
  type Entry = { id: string; title: string; href: string; updated: string; summary: string };
  const entries: Entry[] = [
    ...feedOrders(N, opts.subject).map((o) => {
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
    ...feedFlags(N, opts.subject).map((f) => ({
      // The flag's stable key (analyze renumbers flag ids every night; the key survives).
      id: `tag:sunshine-procurement,2018:flag:${f.key ?? f.id}`,
      title: `待核实：${ruleName(f.rule)}（${f.order_no}）`,
      href: `${base}${orderPath(f.order_no)}#flags`,
      updated: toRfc3339(f.completed_at),
      summary: `${f.agency_name ?? ''}的采购 ${f.order_no} 触发规则“${ruleName(f.rule)}”。这是需要核实的问题，不是结论。`,
    })),
  ].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
  const updated = opts.updated ?? siteFacts().lastUpdated ?? entries[0]?.updated ?? '1970-01-01T00:00:00+08:00';
  const feedId = opts.subject.kind === 'site' ? 'feed' : `feed:${opts.subject.kind}:${opts.subject.id}`;
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${xmlEscape(opts.title)}</title>`,
    `<id>${xmlEscape(`tag:sunshine-procurement,2018:${feedId}`)}</id>`,
    `<updated>${toRfc3339(updated)}</updated>`,
    `<link rel="self" href="${xmlEscape(`${base}${opts.selfPath}`)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(`${base}${opts.pagePath}`)}"/>`,
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
  return body;
}

/** A feed as an endpoint's answer (the site's and the flag rules' feeds are Astro routes). */
export const atomResponse = (body: string) => new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });

/** Where the feed of a page lives: its folder plus feed.xml. */
export const feedPathOf = (pagePath: string) => `${pagePath}feed.xml`;
