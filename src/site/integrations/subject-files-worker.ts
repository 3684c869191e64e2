// The feeds and price CSVs of the product, agency and supplier pages this build renders, made
// and written by a worker thread while Astro renders the pages (subject-files.ts,
// build-worker.ts). It starts writing when the build posts the client folder, which it does
// once Astro has emptied its output folder (astro:build:setup comes after that).
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { planFeeds } from '../../db/queries/feed.ts';
import { PAGE_KINDS } from '../../db/queries/page-inputs.ts';
import { SUBJECT_FILES } from '../render/subject-files.ts';
import { failure, type WorkerAnswer } from './build-worker.ts';
import { adoptRenderPlan, PAGE_IDS, pagesToRender, pageVersion, type RenderPlanData } from './render-plan.ts';

export interface SubjectFilesWritten { files: number; seconds: number }

parentPort!.once('message', ({ client, plan }: { client: string; plan: RenderPlanData }) => {
  try {
    adoptRenderPlan(plan);
    const started = performance.now();
    // The configured site URL (absolute links in feeds), from the build's config.
    const { site: href } = workerData as { site: string | null };
    const site = href === null ? undefined : new URL(href);
    let files = 0;
    for (const kind of PAGE_KINDS) {
      const writers = SUBJECT_FILES[kind];
      if (writers.length === 0 || kind === 'order') continue;
      for (const [id, seg] of pagesToRender(kind)) {
        // Dated from the subject's own data (not the site's), so a feed stays the same while its subject does.
        const ctx = { site, updated: pageVersion(kind, id)?.updated_at };
        const folder = path.join(client, PAGE_IDS[kind].dir, seg);
        for (const w of writers) {
          write(folder, w.name, w.body(id, ctx));
          files++;
        }
      }
      // Let go of this kind's feeds (≈9.3k subjects' newest orders and flags at 20k orders)
      // while Astro is still rendering, rather than holding them beside its peak.
      planFeeds(kind, []);
    }
    const done: WorkerAnswer<SubjectFilesWritten> = { type: 'done', files, seconds: (performance.now() - started) / 1000 };
    parentPort!.postMessage(done);
  } catch (e) {
    parentPort!.postMessage(failure(e));
  }
});

// Astro may not have written the page's folder yet; a mkdir per file cost 0.36 s at 17k files
// where it had, so the folder is made only when the write says it is missing.
function write(folder: string, name: string, body: string): void {
  const file = path.join(folder, name);
  try {
    fs.writeFileSync(file, body);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file, body);
  }
}
