import path from 'node:path';
import { pageLogReader } from '../../publish/pages-written.ts';
import { buildShard, type Logger, type ShardOptions } from './search-build-shard.ts';
import { pagefindInstance, type PagefindNodeApi } from './pagefind-instance.ts';
import { orderShardPages, type Shard } from './search-shards.ts';

/**
 * The purchase shards of the search index built beside a full render, each as soon as Astro has
 * written its every page (pages-written.ts). Astro renders on one core and leaves the other
 * mostly idle; the search index runs at low priority (build.ts), so it takes that idle core and
 * not the render's. At 20k orders all eleven purchase shards were indexed while Astro rendered
 * the rest (the render took 39.1 s against 39.2–44.4 s alone), leaving the products and the
 * agencies and suppliers for after Astro's exit.
 *
 * What a shard's index holds depends on its pages only, and they are whole when read, so the
 * files are those of a shard built after the render. The lane has a Pagefind process of its own.
 */
export interface EarlyIndex {
  /**
   * The pages are all in place: no further shard is taken. Resolves once the shard under way is
   * written, with the shards built and their pages' document hashes; rejects if one failed.
   */
  stop(): Promise<{ built: ReadonlySet<string>; documents: Record<string, string> }>;
  /** Shards built or being built here; after stop() the set no longer changes. */
  readonly taken: ReadonlySet<string>;
}

// Past the lanes of indexSite (0 and 1): a Pagefind process of its own (pagefind-instance.ts).
const EARLY_LANE = 2;
const POLL_MS = 50;

export function indexBesideRender(client: string, logFile: string, options: ShardOptions, logger: Logger): EarlyIndex {
  const shards: Shard[] = [...orderShardPages()]
    .map(([index, pages]) => ({ index, pages: pages.sort(), key: '' }))
    .sort((a, b) => (a.index < b.index ? -1 : 1));
  const shardOf = new Map<string, string>();
  const missing = new Map<string, number>();
  for (const s of shards) {
    missing.set(s.index, s.pages.length);
    for (const p of s.pages) shardOf.set(p, s.index);
  }
  const seen = new Set<string>();
  const read = pageLogReader(logFile);
  const taken = new Set<string>();
  const built = new Set<string>();
  const documents: Record<string, string> = {};
  const besideLogger: Logger = { ...logger, info: (m) => logger.info(`${m} (beside the render)`) };
  let stopping = false;

  const run = (async () => {
    let api: PagefindNodeApi | undefined;
    try {
      while (!stopping) {
        for (const file of read()) {
          const rel = path.relative(client, file).split(path.sep).join('/');
          const index = shardOf.get(rel);
          if (index === undefined || seen.has(rel)) continue;
          seen.add(rel);
          missing.set(index, missing.get(index)! - 1);
        }
        const next = shards.find((s) => !taken.has(s.index) && missing.get(s.index) === 0);
        if (!next) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          continue;
        }
        taken.add(next.index);
        api ??= await pagefindInstance(EARLY_LANE);
        Object.assign(documents, await buildShard(api, next, client, options, besideLogger));
        built.add(next.index);
      }
    } finally {
      await api?.close();
    }
  })();
  // Reported by stop(); until then a failure must not end the process as unhandled.
  run.catch(() => {});

  return {
    taken,
    async stop() {
      stopping = true;
      await run;
      return { built, documents };
    },
  };
}
