import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { fork } from 'node:child_process';
import * as pagefind from 'pagefind';
import { PAGE_KINDS } from '../../db/queries/page-inputs.ts';
import { linkedManifest, readManifest, unchanged, writeShardKeys, type BuildManifest } from './build-manifest.ts';
import { pageFolder } from '../format/paths.ts';
import { buildShard, pagefindPeakRss, type Logger, type ShardOptions } from './search-build-shard.ts';
import { planShards, reuseIndex, shardKey, type Shard } from './search-shards.ts';
import type { LaneMessage, LaneTask } from './search-lane-worker.ts';
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
  // The lanes start (Node, their modules) while the shards are planned.
  const lanes = searchLanes() > 1 ? startLanes(searchLanes(), logger) : null;
  try {
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
    const building = lanes ? lanes.run(splitLanes(toBuild, lanes.count), siteDir, shardOptions) : buildHere(toBuild, siteDir, shardOptions, logger);
    // The reused indexes are linked while the lanes index (≈0.5 s of links on a quiet night).
    try {
      for (const shard of toReuse) {
        if (!reuseIndex(previousClient!, siteDir, shard.index)) throw new Error(`search index: ${shard.index} of the previous build is gone`);
      }
    } catch (e) {
      lanes?.stop();
      await building.catch(() => {});
      throw e;
    }
    const built = await building;
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
    const busy = lanes ? built.lanes : 1;
    logger.info(
      `Pagefind: ${pages} pages in ${shards.length} indexes (${shards.length - toReuse.length} built, ${toReuse.length} reused) in ${seconds.toFixed(2)} s (planning ${planSeconds.toFixed(2)} s` +
        `${busy > 1 ? `, ${busy} lanes` : ''})${peak > 0 ? `, peak memory of the Pagefind process${busy > 1 ? 'es' : ''} ${(peak / 2 ** 20).toFixed(0)} MB` : ''}${note}`,
    );
  } finally {
    lanes?.stop();
  }
}

const hasIndex = (client: string, index: string) => fs.existsSync(path.join(client, index, 'pagefind-entry.json'));

/**
 * Shards built at the same time, each lane a child process with its own Pagefind process:
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

async function buildHere(shards: readonly Shard[], siteDir: string, options: ShardOptions, logger: Logger): Promise<Built> {
  let peak = 0;
  const documents: Record<string, string> = {};
  try {
    for (const shard of shards) {
      Object.assign(documents, await buildShard(shard, siteDir, options, logger));
      peak = Math.max(peak, pagefindPeakRss());
    }
  } finally {
    // The Node API runs the Pagefind binary as a child process; without close() the
    // process would linger until it exits on its own.
    await pagefind.close();
  }
  return { peak, documents, lanes: 1 };
}

interface Lanes {
  count: number;
  /** Gives each lane its shards (a lane without any exits at once); resolves when all are done. */
  run: (shards: Shard[][], siteDir: string, options: ShardOptions) => Promise<Built>;
  /** Ends the lanes that have no task yet (a failed plan), and any still running. */
  stop: () => void;
}

/** Forks `count` lanes (search-lane-worker.ts) that wait for their task. */
function startLanes(count: number, logger: Logger): Lanes {
  const script = fileURLToPath(new URL('./search-lane-worker.ts', import.meta.url));
  // Not the build's own flags (a 128 MB young generation in `npm run build`): a lane needs little heap.
  const children = Array.from({ length: count }, () => fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] }));
  const exited = children.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
  return {
    count,
    run: async (lanes, siteDir, options) => {
      const results = await Promise.all(children.map((child, i) => new Promise<Built>((resolve, reject) => {
        let done: Built | null = null;
        let failure: string | null = null;
        child.on('message', (m: LaneMessage) => {
          if (m.type === 'log') logger[m.level](m.message);
          else if (m.type === 'done') done = { peak: m.peak, documents: m.documents, lanes: 1 };
          else failure = m.message;
        });
        child.once('error', reject);
        void exited[i]!.then((code) => {
          if (failure !== null) reject(new Error(failure));
          else if (code === 0 && done) resolve(done);
          else reject(new Error(`search index lane exited with code ${code}`));
        });
        const task: LaneTask = { shards: lanes[i] ?? [], siteDir, options };
        child.send(task);
      })));
      return {
        peak: Math.max(0, ...results.map((r) => r.peak)),
        documents: Object.assign({}, ...results.map((r) => r.documents)),
        lanes: lanes.filter((l) => l.length > 0).length,
      };
    },
    stop: () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
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
