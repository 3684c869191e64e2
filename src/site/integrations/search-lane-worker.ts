// One lane of the search index (pagefind.ts, indexSite), a child process of its own: builds its
// shards one after the other with its own Pagefind process (the Node API keeps one per process),
// logs through the parent and reports the Pagefind process's peak memory. A process rather than
// a worker thread: two lanes as threads of one process took 16.8 s at 20k orders, as processes 13.8 s.
import * as pagefind from 'pagefind';
import { buildShard, pagefindPeakRss, type ShardOptions } from './search-build-shard.ts';
import type { Shard } from './search-shards.ts';

export interface LaneTask { shards: Shard[]; siteDir: string; options: ShardOptions }
export type LaneMessage = { type: 'log'; level: 'info' | 'warn' | 'error'; message: string } | { type: 'done'; peak: number; documents: Record<string, string> } | { type: 'failed'; message: string };

const send = (m: LaneMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

process.once('message', async (task: LaneTask) => {
  const say = (level: 'info' | 'warn' | 'error') => (message: string) => void send({ type: 'log', level, message });
  let peak = 0;
  const documents: Record<string, string> = {};
  try {
    for (const shard of task.shards) {
      Object.assign(documents, await buildShard(shard, task.siteDir, task.options, { info: say('info'), warn: say('warn'), error: say('error') }));
      peak = Math.max(peak, pagefindPeakRss());
    }
    await send({ type: 'done', peak, documents });
  } catch (e) {
    await send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  } finally {
    await pagefind.close();
    // The parent drops the channel when another lane fails first; then there is nothing to close.
    if (process.connected) process.disconnect();
  }
});
