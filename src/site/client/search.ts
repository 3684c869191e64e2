/**
 * The /search/ page client: a small UI on Pagefind's JavaScript API (not the prebuilt UI, so
 * the filters, sorts and wording match the rest of the site and nothing is styled twice).
 * The index is loaded from /pagefind/pagefind.js at run time, which the build writes after
 * Astro has bundled this file — hence the dynamic import that Vite must not resolve. It is
 * sharded (src/site/format/search-shards.ts): the page lists the other indexes (agencies and
 * suppliers, then one per group of months of purchases) in data-indexes, and they are merged into the
 * main one with mergeIndex. Pagefind orders merged
 * results by score only, so a sorted search asks each index on its own (each sorts its results)
 * and merges the sorted lists (search-index.ts, merge-sorted.ts).
 *
 * State lives in the URL (?q=…&agency=…&sort=…) so a search can be linked and the back button works.
 * Everything that comes from the index (titles, metadata, excerpts) is source text and is put
 * into the page as text; only Pagefind's <mark> highlighting survives from excerpts.
 */
import { FILTER_KEYS, SORT_KEYS, searchText as T, type FilterKey, type SortKey } from './search-text.ts';
import { listSource, loadPagefind, loadSolo, sortedSource, type PagefindApi, type PagefindResultData, type ResultSource } from './search-index.ts';

const PAGE_SIZE = 20;

interface State {
  q: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: SortKey;
}

function readState(): State {
  const params = new URLSearchParams(location.search);
  const filters: State['filters'] = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  const sort = params.get('sort') as SortKey | null;
  return { q: params.get('q') ?? '', filters, sort: sort && SORT_KEYS.includes(sort) ? sort : 'relevance' };
}

function writeState(state: State): void {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]!);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const qs = params.toString();
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}

/**
 * Pagefind's excerpt is HTML: escaped page text with <mark> around hits. Parse it in an inert
 * document (scripts and handlers never run there) and copy over only text and <mark>, so even a
 * mistake upstream cannot turn an indexed supplier name into markup.
 */
function excerptNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out: Node[] = [];
  const walk = (node: Node, into: Node[]) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.push(document.createTextNode(child.textContent ?? ''));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if ((child as Element).tagName === 'MARK') {
          const mark = document.createElement('mark');
          mark.textContent = child.textContent ?? '';
          into.push(mark);
        } else {
          walk(child, into);
        }
      }
    }
  };
  walk(doc.body, out);
  return out;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** Same-site paths only: an index entry can never make the page link to javascript: or another host. */
function safeHref(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? url : '#';
}

export async function initSearch(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form[data-search-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const sortSelect = form.querySelector<HTMLSelectElement>('select[name="sort"]')!;
  const clearButton = form.querySelector<HTMLButtonElement>('button[data-clear]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const list = root.querySelector<HTMLOListElement>('ol[data-search-results]')!;
  const moreButton = root.querySelector<HTMLButtonElement>('button[data-more]')!;
  const fallback = root.querySelector<HTMLElement>('[data-search-fallback]');
  const selects = new Map<FilterKey, HTMLSelectElement>();
  for (const key of FILTER_KEYS) {
    const s = form.querySelector<HTMLSelectElement>(`select[name="${key}"]`);
    if (s) selects.set(key, s);
  }

  status.textContent = T.loading;
  form.hidden = false;
  fallback?.setAttribute('hidden', '');

  const shards = JSON.parse(root.dataset.indexes ?? '[]') as string[];
  let pagefind: PagefindApi;
  try {
    pagefind = await loadPagefind(shards);
  } catch (err) {
    console.warn('search index unavailable', err);
    status.textContent = T.loadFailed;
    fallback?.removeAttribute('hidden');
    form.hidden = true;
    return;
  }

  // Filter choices with how many pages carry each value; years newest first, names in code-point order
  // (stable, and the index gives no better collation for names).
  const available = await pagefind.filters();
  for (const [key, select] of selects) {
    const values = Object.entries(available[key] ?? {});
    values.sort(([a], [b]) => (key === 'year' ? b.localeCompare(a) : a < b ? -1 : a > b ? 1 : 0));
    for (const [value, count] of values) {
      const option = el('option', `${value}（${count}）`);
      option.value = value;
      select.append(option);
    }
    select.disabled = values.length === 0;
  }

  let state = readState();
  input.value = state.q;
  sortSelect.value = state.sort;
  for (const [key, select] of selects) {
    const wanted = state.filters[key];
    // A value from an old link that the index no longer has is dropped rather than silently matching nothing.
    if (wanted && Array.from(select.options).some((o) => o.value === wanted)) select.value = wanted;
    else delete state.filters[key];
  }

  let generation = 0;
  let source: ResultSource = listSource([]);

  async function renderMore(gen: number): Promise<void> {
    const data = await source.next(PAGE_SIZE);
    if (gen !== generation) return;
    for (const d of data) list.append(resultItem(d));
    moreButton.hidden = source.remaining() === 0;
  }

  async function run(): Promise<void> {
    const gen = ++generation;
    state = {
      q: input.value.trim(),
      filters: Object.fromEntries(
        [...selects].filter(([, s]) => s.value !== '').map(([k, s]) => [k, s.value]),
      ) as State['filters'],
      sort: sortSelect.value as SortKey,
    };
    writeState(state);
    const hasFilter = Object.keys(state.filters).length > 0;
    clearButton.hidden = !hasFilter;
    if (!state.q && !hasFilter && state.sort === 'relevance') {
      list.replaceChildren();
      moreButton.hidden = true;
      status.textContent = T.prompt;
      delete status.dataset.count;
      root.dataset.searchState = 'idle';
      return;
    }
    const options: Parameters<PagefindApi['search']>[1] = {};
    if (hasFilter) options.filters = state.filters as Record<string, string>;
    // A null term lists every page matching the filters (browsing without a keyword).
    const term = state.q || null;
    let next: ResultSource;
    if (state.sort === 'relevance') {
      const response = await pagefind.search(term, options);
      if (gen !== generation || !response) return; // a newer keystroke superseded this search
      next = listSource(response.results);
    } else {
      const [key, dir] = state.sort.split(':') as [string, 'asc' | 'desc'];
      const apis = await Promise.all(['/pagefind/', ...shards].map(loadSolo));
      const responses = await Promise.all(apis.map((api) => api.search(term, { ...options, sort: { [key]: dir } })));
      if (gen !== generation) return;
      next = sortedSource(responses.map((r) => r?.results ?? []), key, dir);
    }
    source = next;
    list.replaceChildren();
    const total = source.total;
    status.textContent = total === 0 ? T.none : T.found(total);
    status.dataset.count = String(total);
    await renderMore(gen);
    if (gen === generation) root.dataset.searchState = total === 0 ? 'empty' : 'results';
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 200);
  };
  input.addEventListener('input', soon);
  form.addEventListener('change', (e) => {
    if (e.target !== input) void run();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void run();
  });
  clearButton.addEventListener('click', () => {
    for (const s of selects.values()) s.value = '';
    void run();
  });
  moreButton.addEventListener('click', () => void renderMore(generation));

  await run();
  root.dataset.searchReady = '1';
}

function resultItem(d: PagefindResultData): HTMLLIElement {
  const li = el('li', undefined, 'search-result');
  const h = el('h2');
  const a = el('a', d.meta.title ?? d.url);
  a.href = safeHref(d.url);
  h.append(a);
  li.append(h);
  const facts: string[] = [];
  if (d.meta.kind) facts.push(d.meta.kind);
  if (d.meta.date) facts.push(`${T.meta.date} ${d.meta.date}`);
  if (d.meta.agency) facts.push(`${T.meta.agency} ${d.meta.agency}`);
  if (d.meta.amount) facts.push(`${T.meta.amount} ${d.meta.amount}`);
  if (d.meta.gap) facts.push(`${T.meta.gap} ${d.meta.gap}`);
  if (facts.length > 0) li.append(el('p', facts.join(' · '), 'search-facts'));
  if (d.excerpt) {
    const p = el('p', undefined, 'search-excerpt');
    p.append(...excerptNodes(d.excerpt));
    li.append(p);
  }
  return li;
}
