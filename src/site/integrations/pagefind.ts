import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';
import { readManifest, renderPlan, writeShardKeys } from './render-plan.ts';
import { addShardPages, planShards, reuseIndex } from './search-shards.ts';

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
 * One gzipped fragment file per page meant ≈29,700 files (116 MB on disk, 31.9 MB of data) at
 * 20k orders. Bundled into at most 3,000 files per index: each shared fragment file ≈2.8 KB
 * (≈10 pages), so a result still loads a few KB. Below 3,000 pages every page keeps its own file.
 */
export const DEFAULT_MAX_FRAGMENTS = 3000;

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

interface Logger {
  info: (m: string) => void;
  warn: (m: string) => void;
  error: (m: string) => void;
}

/** Builds (or reuses) every shard of the search index of a finished client folder. */
export async function indexSite(siteDir: string, logger: Logger, options: PagefindIntegrationOptions = {}, note = ''): Promise<void> {
  const strict = options.strict ?? true;
  const maxFragments = options.maxFragments ?? DEFAULT_MAX_FRAGMENTS;
  const started = performance.now();
  const plan = renderPlan();
  const previous = plan.previousClient ? readManifest(path.dirname(plan.previousClient)) : null;
  const planned = performance.now();
  const { shards, documents } = planShards(siteDir, previous?.documents ? { client: plan.previousClient!, documents: previous.documents } : null);
  const planSeconds = (performance.now() - planned) / 1000;
  const keys: Record<string, string> = {};
  let pages = 0;
  let reused = 0;
  let peak = 0;
  try {
    for (const shard of shards) {
      keys[shard.index] = shard.key;
      pages += shard.pages.length;
      if (previous?.shards?.[shard.index] === shard.key && reuseIndex(plan.previousClient!, siteDir, shard.index)) {
        reused++;
        continue;
      }
      if (shard.pages.length === 0) continue;
      const shardStarted = performance.now();
      const created = await pagefind.createIndex({ maxFragments });
      check('createIndex', created.errors, logger, strict);
      const index = created.index;
      if (!index) throw new Error('Pagefind createIndex returned no index');
      const added = await addShardPages(index, siteDir, shard);
      check('addHTMLFile', added.errors, logger, strict);
      if (added.pages === 0 && strict) throw new Error(`Pagefind indexed no page of ${shard.index}: is data-pagefind-body on the content?`);
      const addedAt = performance.now();
      const outputPath = path.join(siteDir, shard.index);
      const written = await index.writeFiles({ outputPath });
      check('writeFiles', written.errors, logger, strict);
      peak = Math.max(peak, pagefindPeakRss());
      await index.deleteIndex();
      logger.info(`Pagefind: ${shard.index} ${shard.pages.length} pages added in ${((addedAt - shardStarted) / 1000).toFixed(2)} s, written in ${((performance.now() - addedAt) / 1000).toFixed(2)} s`);
      const langs = readLanguages(outputPath);
      if (langs.length > 0 && !langs.some((l) => l.startsWith('zh'))) {
        logger.warn(`Pagefind index languages of ${shard.index} are ${langs.join(', ')}; Chinese search needs <html lang="zh-CN">`);
      }
    }
    writeShardKeys(path.dirname(siteDir), keys, documents);
    const seconds = (performance.now() - started) / 1000;
    logger.info(
      `Pagefind: ${pages} pages in ${shards.length} indexes (${shards.length - reused} built, ${reused} reused) in ${seconds.toFixed(2)} s (planning ${planSeconds.toFixed(2)} s)` +
        `${peak > 0 ? `, peak memory of the Pagefind process ${(peak / 2 ** 20).toFixed(0)} MB` : ''}${note}`,
    );
  } finally {
    // The Node API runs the Pagefind binary as a child process; without close() the
    // process would linger until it exits on its own.
    await pagefind.close();
  }
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

function check(step: string, errors: string[], logger: { error: (m: string) => void }, strict: boolean): void {
  if (errors.length === 0) return;
  const message = `Pagefind ${step} failed: ${errors.join('; ')}`;
  if (strict) throw new Error(message);
  logger.error(message);
}

/** Languages present in the written index, from pagefind-entry.json (for the lang warning above). */
function readLanguages(outputPath: string): string[] {
  try {
    const entry = JSON.parse(fs.readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, unknown>;
    };
    return Object.keys(entry.languages ?? {});
  } catch {
    return [];
  }
}

/**
 * Peak resident memory (VmHWM) of the Pagefind binary, a child of this process, read from
 * /proc before it is closed, so the build log shows Pagefind's share of the build's memory.
 * Linux only; elsewhere, or if the process cannot be found, 0 (and the log leaves it out).
 */
function pagefindPeakRss(): number {
  if (!fs.existsSync('/proc/self/status')) return 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || !fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('pagefind')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return 0;
}
