import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { PAGE_KINDS } from '../../db/queries/page-inputs.ts';
import { linkedManifest, readManifest, unchanged, writeShardKeys, type BuildManifest } from './build-manifest.ts';
import { pageFolder } from '../format/paths.ts';
import { buildShard, pagefindPeakRss, type Logger, type ShardOptions } from './search-build-shard.ts';
import { planShards, reuseIndex, shardKey, type Shard } from './search-shards.ts';
import { pagefindInstance, type PagefindNodeApi } from './pagefind-instance.ts';
import { DEFAULT_MAX_FRAGMENTS } from './search-fragments.ts';

/**
 * Indexes the built site with Pagefind's Node API once Astro has written every page
 * (DESIGN §8). `dir` from astro:build:done is the folder the static files went to — with the
 * node adapter that is dist/client/, without it dist/ — so the index always lands beside the
 * pages it describes, at /pagefind/.
 *
 * Chinese: no `forceLanguage`. Pagefind reads `<html lang="zh-CN">` from each page and then
 * segments with its Chinese dictionary plus two-character pairs; forcing any language code
 * lost 打印机 in our measurements (STACK-NOTES). The layout sets lang, so we only warn when the
 * index comes out in another language.
 */
export interface PagefindIntegrationOptions {
  /** Fail the build when Pagefind reports errors or indexes no page (default true). */
  strict?: boolean;
  /**
   * Pagefind's maxFragments: above this many pages per language, fragments (the text shown
   * for a result) are bundled into shared files instead of one file per page.
   */
  maxFragments?: number;
}

/**
 * The search index, sharded (src/site/format/search-shards.ts): the products, the agencies and
 * suppliers, and one index per group of months of purchases, each built from its pages' search
 * documents (search-document.ts: what Pagefind reads of a page), or — when those are the
 * previous build's shard's — linked from that build without indexing. The shard keys go into
 * the build manifest for the next night.
 */
export default function pagefindIntegration(options: PagefindIntegrationOptions = {}): AstroIntegration {
  return {
    name: 'sunshine-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The nightly indexes in a process of its own once Astro has exited (scripts/search-index.ts),
        // so Astro's heap and Pagefind's never add up (peak memory of the nightly).
        if (process.env.SUNSHINE_SEARCH_INDEX === 'separate') {
          logger.info('search index: built by scripts/search-index.ts after this build exits');
          return;
        }
        // Pagefind (a separate process) holds an index in memory; Astro's own heap is mostly
        // garbage by now. With --expose-gc (our build commands pass it) a collection and a second
        // for V8 to hand the pages back took Astro from 857 to 616 MB at 20k orders.
        const astroRss = await releaseMemory();
        await indexSite(fileURLToPath(dir), logger, options, `, Astro process ${(astroRss / 2 ** 20).toFixed(0)} MB meanwhile`);
      },
    },
  };
}

/** The detail pages (paths in client/) the incremental integration linked from the previous build: the same version in both manifests. */
function linkedPages(manifest: BuildManifest, previous: BuildManifest): Set<string> {
  const linked = new Set<string>();
  for (const kind of PAGE_KINDS) {
    for (const [id, hash] of Object.entries(manifest.pages[kind] ?? {})) if (unchanged(hash, previous.pages[kind]?.[id])) linked.add(`${pageFolder(kind, id)}/index.html`);
  }
  return linked;
}

/** Builds (or reuses) every shard of the search index of a finished client folder. */
export async function indexSite(siteDir: string, logger: Logger, options: PagefindIntegrationOptions = {}, note = ''): Promise<void> {
  const shardOptions: ShardOptions = { strict: options.strict ?? true, maxFragments: options.maxFragments ?? DEFAULT_MAX_FRAGMENTS };
  const started = performance.now();
  // The manifest the incremental integration wrote, and the one of the build it linked pages from:
  // which pages are that build's, and its shards' keys (the render plan's page versions are not needed).
  const manifest = readManifest(path.dirname(siteDir));
  const previous = linkedManifest(manifest);
  const previousClient = previous ? path.join(manifest!.from!, 'client') : null;
  const planned = performance.now();
  // With no shard of a previous build to reuse, keys are not needed before indexing: the lanes
  // hash the documents they read anyway (≈2.1 s of reading and cutting pages twice at 20k orders).
  const reusable = Boolean(previousClient && previous?.shards);
  const { shards, documents } = planShards(siteDir, previous?.documents ? { client: previousClient!, documents: previous.documents, linked: linkedPages(manifest!, previous) } : null, reusable);
  const planSeconds = (performance.now() - planned) / 1000;
  const keys: Record<string, string> = {};
  let pages = 0;
  const toReuse: Shard[] = [];
  const toBuild: Shard[] = [];
  for (const shard of shards) {
    keys[shard.index] = shard.key;
    pages += shard.pages.length;
    if (previous?.shards?.[shard.index] === shard.key && hasIndex(previousClient!, shard.index)) toReuse.push(shard);
    else if (shard.pages.length > 0) toBuild.push(shard);
  }
  const building = buildLanes(splitLanes(toBuild, searchLanes()), siteDir, shardOptions, logger);
  // The reused indexes are linked while the lanes index (≈ 0.35 s of links on a quiet night), a
  // shard at a time so that the lanes' replies are answered in between.
  const linking = (async () => {
    for (const shard of toReuse) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!reuseIndex(previousClient!, siteDir, shard.index)) throw new Error(`search index: ${shard.index} of the previous build is gone`);
    }
  })();
  // Both finish before a failure of either is thrown: no Pagefind process outlives the index.
  const [lanesDone, linksDone] = await Promise.allSettled([building, linking]);
  if (lanesDone.status === 'rejected') throw lanesDone.reason;
  if (linksDone.status === 'rejected') throw linksDone.reason;
  const built = lanesDone.value;
  if (!reusable) {
    // In shard order, as planShards would have recorded them (the manifest stays the same either way).
    for (const shard of shards) {
      for (const p of shard.pages) documents[p] = built.documents[p]!;
      keys[shard.index] = shardKey(shard.pages, documents);
    }
  }
  const peak = built.peak;
  writeShardKeys(path.dirname(siteDir), keys, documents);
  const seconds = (performance.now() - started) / 1000;
  const busy = built.lanes;
  logger.info(
    `Pagefind: ${pages} pages in ${shards.length} indexes (${shards.length - toReuse.length} built, ${toReuse.length} reused) in ${seconds.toFixed(2)} s (planning ${planSeconds.toFixed(2)} s` +
      `${busy > 1 ? `, ${busy} lanes` : ''})${peak > 0 ? `, peak memory of the Pagefind process${busy > 1 ? 'es' : ''} ${(peak / 2 ** 20).toFixed(0)} MB` : ''}${note}`,
  );
}

const hasIndex = (client: string, index: string) => fs.existsSync(path.join(client, index, 'pagefind-entry.json'));

/**
 * Shards built at the same time, each lane with its own Pagefind process (pagefind-instance.ts):
 * Pagefind indexes on one core, and at 20k orders two lanes took the full index from 20.4 to
 * 15.8–16.0 s on this project's 2-core machine, not half (its cores slow each other down on
 * memory-heavy work). At most two: each lane holds one shard's index in memory (≤ 0.6 GB for
 * the products). A failed lane fails the index (its error names the shard or page).
 */
function searchLanes(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** Largest shard first onto the least-loaded lane, by page count (ties by index path). */
export function splitLanes(shards: readonly Shard[], n: number): Shard[][] {
  const lanes: Shard[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const shard of [...shards].sort((a, b) => b.pages.length - a.pages.length || (a.index < b.index ? -1 : 1))) {
    const j = load.indexOf(Math.min(...load));
    lanes[j]!.push(shard);
    load[j]! += shard.pages.length;
  }
  return lanes.filter((l) => l.length > 0);
}

interface Built { peak: number; documents: Record<string, string>; lanes: number }

/**
 * Builds each lane's shards one after the other, the lanes at the same time. The lanes share
 * this process's thread for reading and cutting pages (≈ 35 µs a page) while their Pagefind
 * processes index on both cores. A failed shard fails the index: the other lanes finish the
 * shard they are on and start no other, and only then are the Pagefind processes closed (a lane
 * still at work would start a new one after close()).
 */
async function buildLanes(lanes: readonly Shard[][], siteDir: string, options: ShardOptions, logger: Logger): Promise<Built> {
  let peak = 0;
  const documents: Record<string, string> = {};
  const apis: PagefindNodeApi[] = [];
  let failed = false;
  try {
    for (let i = 0; i < lanes.length; i++) apis.push(await pagefindInstance(i));
    const runs = await Promise.allSettled(lanes.map(async (shards, i) => {
      for (const shard of shards) {
        if (failed) return;
        try {
          Object.assign(documents, await buildShard(apis[i]!, shard, siteDir, options, logger));
        } catch (e) {
          failed = true;
          throw e;
        }
        peak = Math.max(peak, pagefindPeakRss());
      }
    }));
    const failure = runs.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    // The Node API runs the Pagefind binary as a child process; without close() the
    // process would linger until it exits on its own.
    await Promise.all(apis.map((api) => api.close()));
  }
  return { peak, documents, lanes: lanes.length };
}

async function releaseMemory(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    gc();
  }
  return process.memoryUsage().rss;
}
