import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startBuildWorker } from '../../src/site/integrations/build-worker.ts';

// The workers that make files beside Astro's render run one at a time (their memory must not
// add up beside the render's peak), and a failing one fails the build with its reason.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-worker-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\n${body}`);
  return pathToFileURL(file);
};

describe('startBuildWorker', () => {
  it('starts a worker only when the one before it has answered, and passes posts and workerData through', async () => {
    const slow = script('slow.mjs', `const start = Date.now(); while (Date.now() - start < 300); parentPort.postMessage({ type: 'done', start, end: Date.now() });`);
    const echo = script('echo.mjs', `const start = Date.now(); parentPort.once('message', (m) => parentPort.postMessage({ type: 'done', start, got: m, data: workerData }));`);
    const a = startBuildWorker<{ start: number; end: number }>(slow, 'a');
    const b = startBuildWorker<{ start: number; got: unknown; data: unknown }>(echo, 'b', { site: 'https://example.org/' });
    b.post({ client: '/x' });
    const [ra, rb] = await Promise.all([a.wait(), b.wait()]);
    expect(rb.start).toBeGreaterThanOrEqual(ra.end);
    expect(rb.got).toEqual({ client: '/x' });
    expect(rb.data).toEqual({ site: 'https://example.org/' });
  });

  it('rejects with what it was making and the worker\'s reason, and the next worker still runs', async () => {
    const failing = script('failing.mjs', `parentPort.postMessage({ type: 'failed', message: 'product SKU-1: no such table' });`);
    const exiting = script('exiting.mjs', `process.exit(3);`);
    const ok = script('ok.mjs', `parentPort.postMessage({ type: 'done', n: 1 });`);
    const f = startBuildWorker(failing, 'feeds and price CSVs');
    const e = startBuildWorker(exiting, 'downloads');
    const o = startBuildWorker<{ n: number }>(ok, 'ok');
    await expect(f.wait()).rejects.toThrow('feeds and price CSVs: product SKU-1: no such table');
    await expect(e.wait()).rejects.toThrow('downloads: the worker exited with code 3 before it was done');
    await expect(o.wait()).resolves.toMatchObject({ n: 1 });
  });

  it('posts a promised message once it is there, and a promise that fails fails the worker', async () => {
    const echo = script('echo-later.mjs', `parentPort.once('message', (m) => parentPort.postMessage({ type: 'done', got: m }));`);
    const later = startBuildWorker<{ got: unknown }>(echo, 'later');
    later.post(new Promise((resolve) => setTimeout(() => resolve({ plan: [1, 2] }), 100)));
    await expect(later.wait()).resolves.toMatchObject({ got: { plan: [1, 2] } });
    const counting = script('counting.mjs', `let n = 0; parentPort.on('message', () => n++); setTimeout(() => parentPort.postMessage({ type: 'done', n }), 300);`);
    const once = startBuildWorker<{ n: number }>(counting, 'once');
    once.post({ client: '/a' });
    once.post({ client: '/b' }); // a second astro:build:setup
    await expect(once.wait()).resolves.toMatchObject({ n: 1 });
    const waiting = script('waiting.mjs', `parentPort.once('message', () => parentPort.postMessage({ type: 'done' }));`);
    const broken = startBuildWorker(waiting, 'incremental build');
    broken.post(Promise.reject(new Error('the page versions were not ready after 1800 s')));
    await expect(broken.wait()).rejects.toThrow('incremental build: the page versions were not ready after 1800 s');
    const next = startBuildWorker<{ n: number }>(script('ok-after.mjs', `parentPort.postMessage({ type: 'done', n: 2 });`), 'next');
    await expect(next.wait()).resolves.toMatchObject({ n: 2 });
  });

  it('keeps the process alive only once the build waits for an answer (a failed build must still exit)', () => {
    const forever = script('forever.mjs', `parentPort.once('message', () => parentPort.postMessage({ type: 'done' }));`);
    const answering = script('answering.mjs', `setTimeout(() => parentPort.postMessage({ type: 'done', n: 7 }), 300);`);
    const module = pathToFileURL(fileURLToPath(new URL('../../src/site/integrations/build-worker.ts', import.meta.url))).href;
    let n = 0;
    const run = (code: string) => {
      const driver = path.join(dir, `driver-${++n}.mjs`);
      fs.writeFileSync(driver, `import { startBuildWorker } from ${JSON.stringify(module)};\n${code}`);
      return spawnSync(process.execPath, [driver], { encoding: 'utf8', timeout: 20_000 });
    };
    // Never posted to, never waited for: the process ends instead of hanging on the worker.
    const left = run(`startBuildWorker(new URL(${JSON.stringify(forever.href)}), 'never asked');`);
    expect(left.error).toBeUndefined();
    expect(left.stderr).toBe("");
    expect(left.status).toBe(0);
    // Waited for (behind another worker in line): the process stays until the answer comes.
    const waited = run(`startBuildWorker(new URL(${JSON.stringify(answering.href)}), 'first');
      const w = startBuildWorker(new URL(${JSON.stringify(answering.href)}), 'second');
      console.log(JSON.stringify(await w.wait()));`);
    expect(waited.stderr).toBe("");
    expect(waited.status).toBe(0);
    expect(JSON.parse(waited.stdout.trim())).toMatchObject({ type: 'done', n: 7 });
  });
});
