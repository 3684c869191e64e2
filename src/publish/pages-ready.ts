import fs from 'node:fs';

/**
 * The search index starts beside `astro build` (build.ts) and waits here until the pages are in
 * place. On an incremental night that is before Astro exits: Pagefind reads only the pages, and
 * those are all in the client folder once the incremental integration has linked the unchanged
 * ones and written the manifest, ≈ 1 s before Astro has finished its downloads, feeds and exit.
 * The build names a file in SUNSHINE_PAGES_READY; the incremental integration writes it at that
 * point when it rendered fewer pages than it reused, the build itself at Astro's exit otherwise
 * (a full render), and the search index (scripts/search-index.ts) waits for it. Unset: the
 * pages are already there.
 */
export const PAGES_READY_ENV = 'SUNSHINE_PAGES_READY';

/** Written by the incremental integration once every page and the manifest are in place. */
export function markPagesReady(file = process.env[PAGES_READY_ENV]): void {
  if (file) fs.writeFileSync(file, 'ready\n');
}

/**
 * Resolves once `file` exists. The build stops the search index when Astro fails, so the wait
 * ends either way; it also ends when the process that started this one is gone (a nightly that
 * crashed: its successor stops the orphaned Astro, which is in the lock, not this), and the
 * timeout guards a stale setting.
 */
export async function waitForPages(file = process.env[PAGES_READY_ENV], timeoutMs = 30 * 60_000): Promise<void> {
  if (!file) return;
  const until = Date.now() + timeoutMs;
  const parent = process.ppid;
  while (!fs.existsSync(file)) {
    if (process.ppid !== parent) throw new Error('the build that started this search index has gone');
    if (Date.now() > until) throw new Error(`the pages were not ready after ${timeoutMs / 1000} s (${PAGES_READY_ENV}=${file})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
