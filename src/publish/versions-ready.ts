import fs from 'node:fs';

/**
 * The nightly starts `astro build` after the ingest, while the analysis and the versions step
 * (content-versions.ts) still write the database: Astro's start and bundling (≈5 s at 20k
 * orders) need no data. The nightly names a file in
 * SUNSHINE_VERSIONS_READY and writes it once the versions, the last of those writes, are
 * committed; the build waits for that file before it opens the database (db/queries/db.ts,
 * the public database's worker) and before its render plan reads the versions (render-plan.ts).
 * Unset: the data is already there (a build run by hand, or by a test).
 */
export const VERSIONS_READY_ENV = 'SUNSHINE_VERSIONS_READY';

/** Written by the nightly after the versions step committed. */
export function markVersionsReady(file: string): void {
  fs.writeFileSync(file, 'ready\n');
}

const notReady = (file: string, timeoutMs: number) => new Error(`the page versions were not ready after ${timeoutMs / 1000} s (${VERSIONS_READY_ENV}=${file})`);

/**
 * Blocks (synchronously: the read layer is synchronous) until `file` exists. The nightly stops
 * the build when the versions step fails, so the wait ends either way; the timeout only guards
 * a build started by hand with a stale setting.
 */
export function waitForVersions(file = process.env[VERSIONS_READY_ENV], timeoutMs = 30 * 60_000): void {
  if (!file) return;
  const started = performance.now();
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + timeoutMs;
  try {
    while (!fs.existsSync(file)) {
      if (Date.now() > until) throw notReady(file, timeoutMs);
      Atomics.wait(sleep, 0, 0, 10);
    }
  } finally {
    waited[WAITED_MS] = (waited[WAITED_MS] ?? 0) + performance.now() - started;
  }
}

/** Resolves once `file` exists, polling without blocking the thread (waitForVersions blocks). */
export async function versionsReady(file = process.env[VERSIONS_READY_ENV], timeoutMs = 30 * 60_000): Promise<void> {
  if (!file) return;
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > until) throw notReady(file, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// On globalThis, not in a module variable: the pages wait in Astro's bundled copy of this module,
// and the integration that logs the wait has the one Node loaded.
const WAITED_MS = Symbol.for('sunshine.versionsWaitedMs');
const waited = globalThis as { [WAITED_MS]?: number };

/** Seconds this thread has waited for the versions (the build logs it: it is not render time). */
export const versionsWaitSeconds = (): number => (waited[WAITED_MS] ?? 0) / 1000;
