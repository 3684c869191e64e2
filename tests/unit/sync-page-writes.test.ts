import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import syncPageWritesIntegration, { syncWrites } from '../../src/site/integrations/sync-page-writes.ts';

/**
 * While Astro builds, fs.promises.mkdir and writeFile work without libuv's thread pool
 * (sync-page-writes.ts): the same files and errors, written before the promise is even awaited,
 * and the originals back afterwards.
 */
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-writes-'));
  dirs.push(d);
  return d;
};
const original = { mkdir: fs.promises.mkdir, writeFile: fs.promises.writeFile };
afterEach(() => {
  fs.promises.mkdir = original.mkdir;
  fs.promises.writeFile = original.writeFile;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('sync page writes', () => {
  it('writes in place: the folder and the file exist as soon as the calls return', async () => {
    const restore = syncWrites();
    const dir = path.join(tmp(), 'orders', 'ES1');
    const made = fs.promises.mkdir(dir, { recursive: true });
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    expect(await made).toBe(path.dirname(dir));
    const written = fs.promises.writeFile(path.join(dir, 'index.html'), '<p>采购</p>');
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('<p>采购</p>');
    await written;
    await fs.promises.writeFile(new URL(`file://${dir}/bytes.bin`), new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(path.join(dir, 'bytes.bin'))]).toEqual([1, 2, 3]);
    restore();
  });

  it('fails as the originals do: a rejected promise, never a throw', async () => {
    const restore = syncWrites();
    const missing = path.join(tmp(), 'no', 'such', 'index.html');
    let call: Promise<void> | undefined;
    expect(() => { call = fs.promises.writeFile(missing, 'x'); }).not.toThrow();
    await expect(call).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.promises.mkdir(path.join(tmp(), 'a', 'b'))).rejects.toMatchObject({ code: 'ENOENT' });
    restore();
  });

  it('leaves what it cannot do in place to the original (an iterable, an abort signal)', async () => {
    const restore = syncWrites();
    const file = path.join(tmp(), 'parts.txt');
    const pending = fs.promises.writeFile(file, (async function* () { yield '甲'; yield '乙'; })());
    await pending;
    expect(fs.readFileSync(file, 'utf8')).toBe('甲乙');
    const aborted = AbortSignal.abort();
    await expect(fs.promises.writeFile(path.join(tmp(), 'never.txt'), 'x', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
    restore();
  });

  it('gives the event loop a turn while pages are written one after another (timers, worker messages)', async () => {
    const restore = syncWrites();
    const file = path.join(tmp(), 'index.html');
    let fired = false;
    setTimeout(() => (fired = true), 0);
    // Settled promises alone never reach the timers: only the writes' turns can.
    const until = performance.now() + 200;
    while (!fired && performance.now() < until) await fs.promises.writeFile(file, '<p>x</p>');
    expect(fired).toBe(true);
    restore();
  });

  it('puts the originals back, and the integration patches between build start and build done only', async () => {
    const restore = syncWrites();
    expect(fs.promises.writeFile).not.toBe(original.writeFile);
    restore();
    expect(fs.promises.writeFile).toBe(original.writeFile);
    expect(fs.promises.mkdir).toBe(original.mkdir);

    const { hooks } = syncPageWritesIntegration();
    const call = (hook: keyof typeof hooks) => (hooks[hook] as unknown as () => void)();
    call('astro:build:start');
    expect(fs.promises.mkdir).not.toBe(original.mkdir);
    expect(fs.promises.writeFile).not.toBe(original.writeFile);
    call('astro:build:done');
    expect(fs.promises.mkdir).toBe(original.mkdir);
    expect(fs.promises.writeFile).toBe(original.writeFile);
  });
});
