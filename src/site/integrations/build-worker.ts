import type { AstroConfig } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread that makes files while Astro renders the pages (the downloads, the feeds and
 * price CSVs, the links to unchanged pages): the render runs on one core, and the worker's SQL
 * and formatting use the other. It answers once, with `{ type: 'done', … }` or
 * `{ type: 'failed', message }`.
 */
export type WorkerAnswer<Done> = ({ type: 'done' } & Done) | { type: 'failed'; message: string };

export interface BuildWorker<Done> {
  /** The worker's answer; rejects, naming what it makes, when it failed or exited without one. */
  wait: () => Promise<Done>;
  /**
   * Posts the message once the worker has started (and a promised one once it is there; its
   * failure is the worker's). A worker takes one message: Astro calls astro:build:setup, where
   * the integrations post, once per Vite build, and later posts are dropped (a render plan is
   * cloned for each one posted).
   */
  post: (message: unknown) => void;
}

// One build worker at a time, in the order they were started: each holds a few hundred MB
// while it works (≈0.6 GB for the downloads at 20k orders, with the build's 128 MB semi-space,
// which workers share), and beside Astro's render their peaks must not add up.
let previous: Promise<unknown> = Promise.resolve();
// Until the build waits for an answer, workers must not keep the process alive: a build that
// fails first (before posting what a worker waits for) would otherwise never exit. Once it
// waits for one, every worker keeps it alive, the ones before in line included.
let keepAlive = false;
const live = new Set<Worker>();

export function startBuildWorker<Done>(url: URL, what: string, workerData?: unknown): BuildWorker<Done> {
  let started!: (w: Worker) => void;
  const worker = new Promise<Worker>((resolve) => (started = resolve));
  let posted = false;
  // A promised message that fails fails the worker.
  let failed!: (e: unknown) => void;
  const messageFailed = new Promise<never>((_, reject) => (failed = reject));
  messageFailed.catch(() => {});
  const done = previous.then(() => new Promise<Done>((resolve, reject) => {
    messageFailed.catch((e: unknown) => {
      reject(new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`));
      void w.terminate();
    });
    const w = new Worker(url, { workerData });
    w.once('message', (m: WorkerAnswer<Done>) => {
      if (m.type === 'done') resolve(m);
      else reject(new Error(`${what}: ${m.message}`));
      void w.terminate();
    });
    w.once('error', (e) => reject(new Error(`${what}: ${e.message}`)));
    w.once('exit', (code) => {
      live.delete(w);
      reject(new Error(`${what}: the worker exited with code ${code} before it was done`));
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    if (!keepAlive) w.unref();
    live.add(w);
    started(w);
  }));
  // The next worker starts when this one has answered (or failed).
  previous = done.catch(() => {});
  // A build that fails before it asks for the answer must not report this as well.
  done.catch(() => {});
  return {
    wait: () => {
      keepAlive = true;
      for (const w of live) w.ref();
      return done;
    },
    post: (message) => {
      if (posted) return;
      posted = true;
      void Promise.all([worker, message]).then(([w, m]) => w.postMessage(m), failed);
    },
  };
}

/** What a worker posts when it throws (its stack names the record or file it was on). */
export const failure = (e: unknown): { type: 'failed'; message: string } => ({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });

/**
 * The client folder the workers of one integration write to: read from the config
 * (astro:config:done), posted to them once Astro has emptied its output folder
 * (astro:build:setup), and checked at astro:build:done against the folder Astro built.
 */
export function clientFolder(what: string) {
  let client: string | null = null;
  const get = (): string => {
    if (client === null) throw new Error(`${what}: astro:config:done did not run`);
    return client;
  };
  return {
    configure: (config: AstroConfig) => void (client = fileURLToPath(config.build.client)),
    get,
    check: (dir: URL): string => {
      if (path.resolve(fileURLToPath(dir)) !== path.resolve(get())) throw new Error(`${what}: written to ${get()}, but the site was built in ${fileURLToPath(dir)}`);
      return get();
    },
  };
}

/** A worker the integration started in astro:build:start (an error names what is missing). */
export function started<W>(worker: W | null, what: string): W {
  if (worker === null) throw new Error(`${what}: astro:build:start did not run`);
  return worker;
}
