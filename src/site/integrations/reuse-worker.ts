// The unchanged order, product, agency and supplier pages of an incremental build, linked from
// the previous build by a worker thread while Astro renders the changed ones (incremental.ts,
// build-worker.ts), once the build has posted the client folder and the render plan. The two never touch the same
// file: Astro writes the pages the plan renders, this links every other one.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { PAGE_KINDS } from '../../db/queries/page-inputs.ts';
import { SUBJECT_FILES } from '../render/subject-files.ts';
import { failure, type WorkerAnswer } from './build-worker.ts';
import { linkFolder, linkOrCopy } from './link-files.ts';
import { listedMonths } from '../../db/queries/orders.ts';
import { monthListPath, pageFolder } from '../format/paths.ts';
import { adoptRenderPlan, PAGE_IDS, renderPlan, type RenderPlanData } from './render-plan.ts';

export interface PagesReused { reused: number; rendered: number; byKind: string[]; seconds: number; months: { rendered: number; reused: number } }

/** Each kind's files in a page's folder: the page and what subject-files.ts writes beside it. */
const FILES = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, ['index.html', ...SUBJECT_FILES[kind].map((f) => f.name)]]));

parentPort!.once('message', ({ client, plan: made }: { client: string; plan: RenderPlanData }) => {
  try {
    adoptRenderPlan(made);
    const started = performance.now();
    const plan = renderPlan();
    let reused = 0;
    let rendered = 0;
    const byKind: string[] = [];
    const months = { rendered: 0, reused: 0 };
    if (!plan.full) {
      for (const kind of PAGE_KINDS) {
        const ids = PAGE_IDS[kind].ids();
        const before = rendered;
        for (const id of ids) {
          if (plan.renders(kind, id)) {
            rendered++;
            continue;
          }
          const rel = pageFolder(kind, id);
          fs.mkdirSync(path.join(client, rel), { recursive: true });
          for (const f of FILES[kind]!) reuse(path.join(plan.previousClient!, rel, f), path.join(client, rel, f));
          reused++;
        }
        byKind.push(`${kind} ${rendered - before}/${ids.length}`);
      }
      // The month lists of unchanged months (pages/orders/month/[...list].astro), each as a folder.
      for (const { month } of listedMonths()) {
        if (plan.rendersMonth(month)) {
          months.rendered++;
          continue;
        }
        const rel = monthListPath(month).slice(1, -1);
        const from = path.join(plan.previousClient!, rel);
        if (!fs.existsSync(from)) throw new Error(`incremental build: ${from} is missing from the previous build; run a full build (npm run nightly -- --full)`);
        linkFolder(from, path.join(client, rel));
        months.reused++;
      }
    }
    const done: WorkerAnswer<PagesReused> = { type: 'done', reused, rendered, byKind, months, seconds: (performance.now() - started) / 1000 };
    parentPort!.postMessage(done);
  } catch (e) {
    parentPort!.postMessage(failure(e));
  }
});

function reuse(from: string, to: string): void {
  // No existence check first: at 28k reused pages a stat per file cost ≈ 0.5 s; a missing file
  // fails the link, and only then is it told apart from other causes.
  try {
    linkOrCopy(from, to);
  } catch (e) {
    if (!fs.existsSync(from)) throw new Error(`incremental build: ${from} is missing from the previous build; run a full build (npm run nightly -- --full)`);
    throw e;
  }
}
