import type { Crumb } from '../components/types.ts';
import { t } from '../../i18n/zh-CN.ts';
import { formatDateTimeText, toRfc3339 } from '../format/date.ts';
import { html, type Html } from './html.ts';

/**
 * The parts of the page shell every page repeats (sample banner, header, footer,
 * breadcrumbs), as escaped strings (html.ts). The banner, footer and each variant of the
 * header are the same on every page of a build, so they are built once and reused: four
 * Astro components per page cost more than the rest of a small order page.
 */

const NAV: [key: keyof typeof t.nav, href: string][] = [
  ['orders', '/orders/'], ['products', '/products/'], ['agencies', '/agencies/'], ['suppliers', '/suppliers/'],
  ['categories', '/categories/'], ['flags', '/flags/'], ['search', '/search/'], ['data', '/data/'], ['methodology', '/methodology/'],
];

const headers = new Map<string, string>();

/** Header and main navigation; `current` marks the section the page belongs to. */
export function headerHtml(current: string | undefined): string {
  const key = current ?? '';
  let out = headers.get(key);
  if (out === undefined) {
    const items = NAV.map(([k, href]) => html`<li><a href="${href}"${current === k ? html` aria-current="page"` : ''}>${t.nav[k]}</a></li>`);
    out = html`<header class="site-header"><div class="wrap"><a class="brand" href="/">${t.site.name}</a><nav class="site-nav" aria-label="${t.site.navLabel}"><ul>${items}</ul></nav><form class="site-search" role="search" action="/search/" method="get"><label class="visually-hidden" for="site-q">${t.site.searchLabel}</label><input id="site-q" name="q" type="search" placeholder="${t.site.searchPlaceholder}"><button type="submit">${t.nav.search}</button></form></div></header>`.html;
    headers.set(key, out);
  }
  return out;
}

/** Shown on every page while the database holds the bundled sample. */
export function sampleBannerHtml(sample: boolean): string {
  return sample ? html`<div class="sample-banner" role="note"><div class="wrap">${t.site.sampleBanner}</div></div>`.html : '';
}

const footers = new Map<string | null, string>();

/**
 * "最后更新" = finished_at of the latest successful run, or for an order or product page the day
 * its own data last changed (never the build clock). Few distinct values: cached per value.
 */
export function footerHtml(lastUpdated: string | null): string {
  let f = footers.get(lastUpdated);
  if (f === undefined) {
    f = buildFooter(lastUpdated);
    footers.set(lastUpdated, f);
  }
  return f;
}

function buildFooter(lastUpdated: string | null): string {
  const when: Html = lastUpdated
    ? html`<time datetime="${toRfc3339(lastUpdated)}">${formatDateTimeText(lastUpdated)}</time>`
    : html`<span>${t.site.noRunYet}</span>`;
  const links = html`<a href="/methodology/">${t.nav.methodology}</a> · <a href="/data/">${t.nav.data}</a> · <a href="/api-docs/">${t.nav.api}</a> · <a href="/feed.xml">Atom 订阅</a>`;
  return html`<footer class="site-footer"><div class="wrap"><p>${t.site.lastUpdated}：${when}（北京时间）</p><p>${t.site.footerNote} ${links}</p><p>${t.site.licence} ${t.site.corrections}${correctionsHtml()}</p></div></footer>`.html;
}

/** 首页 › 采购单位 › 某局 › 订单 (UI.md). The last crumb is the current page, not a link. */
export function breadcrumbsHtml(items: readonly Crumb[]): string {
  const all: Crumb[] = [{ label: t.site.home, href: '/' }, ...items];
  const lis = all.map((c, i) =>
    i < all.length - 1 && c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li><span aria-current="page">${c.label}</span></li>`,
  );
  return html`<nav class="breadcrumbs" aria-label="${t.site.breadcrumbLabel}"><ol>${lis}</ol></nav>`.html;
}

/**
 * Where to send a correction: SUNSHINE_CORRECTIONS at build time (an e-mail address or a web
 * address), else the project's issue tracker. Escaped like any text; only http(s) and mailto
 * become links.
 */
function correctionsHtml(): Html {
  const c = (process.env.SUNSHINE_CORRECTIONS ?? '').trim();
  if (c === '') return html`<span>${'在本项目代码仓库提交 issue'}</span>`;
  if (/^https?:\/\/\S+$/i.test(c)) return html`<a href="${c}">${c}</a>`;
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(c)) return html`<a href="${`mailto:${c}`}">${c}</a>`;
  return html`<span>${c}</span>`;
}
