import fs from 'node:fs';
import path from 'node:path';
import { planFeeds } from '../../db/queries/feed.ts';
import { planOrderPages } from '../../db/queries/order-detail.ts';
import { allOrderNos, listedMonths } from '../../db/queries/orders.ts';
import { contentVersions, PAGE_KINDS, type ContentVersion, type PageKind } from '../../db/queries/page-inputs.ts';
import { allAgencyIds, allSupplierIds } from '../../db/queries/parties.ts';
import { planProductPages } from '../../db/queries/product-page.ts';
import { allSkus } from '../../db/queries/products.ts';
import { distinctSegments, PAGE_DIRS } from '../format/paths.ts';
import { readManifest, unchanged } from './build-manifest.ts';
import { codeHash } from '../../publish/code-hash.ts';
import { versionsReady, waitForVersions } from '../../publish/versions-ready.ts';
import { monthVersions } from './month-versions.ts';

/**
 * Which order, product, agency and supplier pages this build renders (DESIGN §10, incremental
 * nightly). The nightly names the published build in SUNSHINE_PREVIOUS_BUILD; a page whose data
 * version (content_versions, written by the nightly's versions step) equals the one that build rendered
 * is not rendered again — the incremental integration links its files from that build instead.
 * The same holds for each month's purchase lists, versioned from their orders (month-versions.ts).
 * Everything renders when there is no previous build, when the code or the build settings
 * differ from that build's, or when SUNSHINE_FULL_BUILD=1 (`npm run nightly -- --full`).
 */
export interface RenderPlanData {
  full: boolean;
  /** Why everything renders, or what was reused. */
  reason: string;
  previousClient: string | null;
  code: string;
  versions: Record<PageKind, Map<string, ContentVersion>>;
  /** Each listed month's list version (month-versions.ts); a month without one is always rendered. */
  months: Map<string, ContentVersion>;
  /** The pages, and the months' lists, whose version is the one the previous build rendered: linked, not rendered. */
  linked: Record<PageKind, Set<string>>;
  linkedMonths: Set<string>;
}

export interface RenderPlan extends RenderPlanData {
  renders: (kind: PageKind, id: string) => boolean;
  rendersMonth: (month: string) => boolean;
}

const withDecisions = (data: RenderPlanData): RenderPlan => ({
  ...data,
  renders: (kind, id) => !data.linked[kind].has(id),
  rendersMonth: (month) => !data.linkedMonths.has(month),
});

function computePlan(): RenderPlan {
  const code = codeHash(process.cwd());
  // The nightly's versions step may still be hashing while Astro starts (publish/versions-ready.ts).
  waitForVersions();
  const versions = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, contentVersions(kind)])) as RenderPlan['versions'];
  const months = monthVersions(versions.order);
  const full = (reason: string): RenderPlan =>
    withDecisions({ full: true, reason, previousClient: null, code, versions, months, linked: Object.fromEntries(PAGE_KINDS.map((k) => [k, new Set<string>()])) as RenderPlanData['linked'], linkedMonths: new Set() });
  const previous = process.env.SUNSHINE_PREVIOUS_BUILD;
  if (process.env.SUNSHINE_FULL_BUILD === '1') return full('full build requested');
  if (!previous) return full('no previous build');
  const manifest = readManifest(previous);
  const previousClient = path.join(previous, 'client');
  if (!manifest || !fs.existsSync(previousClient)) return full(`no build manifest in ${previous}`);
  if (manifest.code !== code) return full('the code or the build settings changed since the previous build');
  const linked = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, new Set([...versions[kind]].filter(([id, v]) => unchanged(v.hash, manifest.pages[kind]?.[id])).map(([id]) => id))])) as RenderPlanData['linked'];
  const linkedMonths = new Set([...months].filter(([month, v]) => unchanged(v.hash, manifest.months?.[month])).map(([month]) => month));
  return withDecisions({ full: false, reason: `reusing unchanged pages of ${previous}`, previousClient, code, versions, months, linked, linkedMonths });
}

// One plan per build. Astro's main thread holds two copies of this module (the integrations'
// and the prerender bundle's), which share it through globalThis; the build's worker threads are
// sent it (workerMessage, adoptRenderPlan). Each of those four used to compute it from the database,
// ≈ 0.4–0.5 s apiece on a quiet 20k night.
const PLAN = Symbol.for('sunshine.renderPlan');
const shared = globalThis as { [PLAN]?: RenderPlan };

export const renderPlan = (): RenderPlan => (shared[PLAN] ??= computePlan());

let whenReady: Promise<RenderPlan> | null = null;

/**
 * What a build worker is posted (build-worker.ts): the client folder and the plan, once the page
 * versions are ready, without blocking the thread meanwhile. Astro calls astro:build:setup, where
 * it is asked for, once per Vite build: one wait serves them all.
 */
export function workerMessage(client: string): Promise<{ client: string; plan: RenderPlanData }> {
  whenReady ??= versionsReady().then(renderPlan);
  return whenReady.then((plan) => ({ client, plan: planData(plan) }));
}

/** What a worker thread is sent of the plan (structured-cloneable: no functions). */
function planData({ renders: _r, rendersMonth: _m, ...data }: RenderPlan): RenderPlanData {
  return data;
}

/** A worker thread takes the plan its build made (planData) as its own. */
export function adoptRenderPlan(data: RenderPlanData): void {
  shared[PLAN] = withDecisions(data);
}

/** The data version and day a page shows (null: no stored version, the site's own are shown). */
export function pageVersion(kind: PageKind, id: string): ContentVersion | null {
  return renderPlan().versions[kind].get(id) ?? null;
}

/** The version a month's purchase lists show (null: none recorded, the site's own is shown). */
export function monthVersion(month: string): ContentVersion | null {
  return renderPlan().months.get(month) ?? null;
}

/** The months whose lists this build renders, newest first (the others are linked from the previous build). */
export function monthsToRender(): { month: string; orders: number }[] {
  const plan = renderPlan();
  return listedMonths().filter((m) => plan.rendersMonth(m.month));
}

/** Each kind's pages: their folder in the client folder and every id the database has. */
export const PAGE_IDS: Record<PageKind, { dir: string; ids: () => string[] }> = {
  order: { dir: PAGE_DIRS.order, ids: allOrderNos },
  product: { dir: PAGE_DIRS.product, ids: allSkus },
  agency: { dir: PAGE_DIRS.agency, ids: allAgencyIds },
  supplier: { dir: PAGE_DIRS.supplier, ids: allSupplierIds },
};

/**
 * The pages of one kind this build renders, as [id, path segment] in render order: the
 * getStaticPaths of that kind's routes (a page and its feed or price CSV). The data layer is
 * told which pages are coming, so it reads their data together — the detail windows
 * (db/queries/window.ts) and the Atom feeds (db/queries/feed.ts) — rather than the table's
 * next rows or every feed of the site.
 */
export function pagesToRender(kind: PageKind): [id: string, segment: string][] {
  const plan = renderPlan();
  const pages = [...distinctSegments(PAGE_IDS[kind].dir, PAGE_IDS[kind].ids())].filter(([id]) => plan.renders(kind, id));
  const ids = pages.map(([id]) => id);
  if (kind === 'order') planOrderPages(ids);
  else planFeeds(kind, ids);
  if (kind === 'product') planProductPages(ids);
  return pages;
}
