import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addShardPages } from './search-add-pages.ts';
import { PAGES_PER_FRAGMENT_FILE } from './search-fragments.ts';
import type { PagefindNodeApi } from './pagefind-instance.ts';
import type { Shard } from './search-shards.ts';

/** Where a shard's build reports to (Astro's integration logger, or the search-index script's). */
export interface Logger {
  info: (m: string) => void;
  warn: (m: string) => void;
  error: (m: string) => void;
}

export interface ShardOptions {
  /** Fail when Pagefind reports errors or indexes no page. */
  strict: boolean;
  /** Pagefind's maxFragments at most (DEFAULT_MAX_FRAGMENTS); fewer in a smaller shard (PAGES_PER_FRAGMENT_FILE). */
  maxFragments: number;
}

/**
 * Indexes one shard's pages with Pagefind and writes its index folder into the client folder;
 * returns the hash of each page's search document (the shard's key is made of them, shardKey).
 * `pagefind` is the lane's instance of Pagefind's Node API (pagefind-instance.ts); the caller
 * closes it with close() when the lane's shards are done.
 */
export async function buildShard(pagefind: PagefindNodeApi, shard: Shard, siteDir: string, options: ShardOptions, logger: Logger): Promise<Record<string, string>> {
  const started = performance.now();
  const maxFragments = Math.max(1, Math.min(options.maxFragments, Math.ceil(shard.pages.length / PAGES_PER_FRAGMENT_FILE)));
  const created = await pagefind.createIndex({ maxFragments });
  check('createIndex', created.errors, logger, options.strict);
  const index = created.index;
  if (!index) throw new Error('Pagefind createIndex returned no index');
  const added = await addShardPages(index, siteDir, shard);
  check('addHTMLFile', added.errors, logger, options.strict);
  if (added.pages === 0 && options.strict) throw new Error(`Pagefind indexed no page of ${shard.index}: is data-pagefind-body on the content?`);
  const addedAt = performance.now();
  const outputPath = path.join(siteDir, shard.index);
  const written = await index.writeFiles({ outputPath });
  check('writeFiles', written.errors, logger, options.strict);
  await index.deleteIndex();
  logger.info(`Pagefind: ${shard.index} ${shard.pages.length} pages added in ${((addedAt - started) / 1000).toFixed(2)} s, written in ${((performance.now() - addedAt) / 1000).toFixed(2)} s`);
  const langs = readLanguages(outputPath);
  if (langs.length > 0 && !langs.some((l) => l.startsWith('zh'))) {
    logger.warn(`Pagefind index languages of ${shard.index} are ${langs.join(', ')}; Chinese search needs <html lang="zh-CN">`);
  }
  return added.documents;
}

function check(step: string, errors: string[], logger: Logger, strict: boolean): void {
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
 * Peak resident memory (VmHWM) of this process's Pagefind processes (one per lane), summed, read
 * from /proc before they are closed, so the build log shows Pagefind's share of the build's
 * memory (the sum of each one's peak: at most what they held together). Linux only; elsewhere
 * 0 (the log leaves it out).
 */
export function pagefindPeakRss(): number {
  if (!fs.existsSync('/proc/self/status')) return 0;
  let sum = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || !fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('pagefind')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return sum;
}
