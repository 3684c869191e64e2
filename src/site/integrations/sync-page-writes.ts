import type { AstroIntegration } from 'astro';
import fs from 'node:fs';

/**
 * Astro writes every rendered page with `fs.promises.mkdir` and then `fs.promises.writeFile`:
 * an open, a write and a close, each a round trip through libuv's thread pool. On the 2-core VM
 * of the benchmarks a thread-pool round trip costs far more than the system call it carries
 * (≈ 7 context switches a file), so a full 20k-order build (47k files) spent more on handing
 * its writes to other threads than on writing. Astro alone, full 20k build, four alternating
 * pairs (`perf stat`): 42.0 / 51.6 / 67.4 / 52.8 CPU-s with the calls below against 50.6 / 57.6 /
 * 77.9 / 75.0 through the thread pool; 31–35k context switches against 228–256k.
 *
 * So while Astro builds, this process's `fs.promises.mkdir` and `writeFile` do their work with
 * the synchronous calls and return a settled promise: the same files, the same errors (as
 * rejections), only no thread hop. Anything they cannot do the same way (a FileHandle, a
 * stream or iterable, an AbortSignal) goes to the original. Worker threads have their own `fs`
 * and are not touched; the originals come back when the build is done.
 */
export default function syncPageWritesIntegration(): AstroIntegration {
  let restore: (() => void) | null = null;
  return {
    name: 'sunshine-sync-page-writes',
    hooks: {
      'astro:build:start': () => {
        restore ??= syncWrites();
      },
      'astro:build:done': () => {
        restore?.();
        restore = null;
      },
    },
  };
}

type Promises = typeof fs.promises;

/**
 * With every write settled at once, Astro's render would go from page to page on promises alone
 * and never give the event loop a turn: the build workers' answers, their render plan (posted
 * once a timer sees the versions ready) and the log would all wait for the render's end (a full
 * 20k night: the downloads and feeds were made after the render, 9 s more). The thread-pool
 * round trips used to give it those turns; a write now yields once YIELD_MS have passed since
 * the last turn.
 */
const YIELD_MS = 5;
let lastTurn = performance.now();
async function turnTheLoop(): Promise<void> {
  if (performance.now() - lastTurn < YIELD_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}

/** Makes `target`'s mkdir and writeFile synchronous underneath (see above); returns what puts the originals back. */
export function syncWrites(target: Promises = fs.promises): () => void {
  const { mkdir, writeFile } = target;
  const syncMkdir = (async (dir: fs.PathLike, options?: fs.MakeDirectoryOptions | fs.Mode | null) => fs.mkdirSync(dir, options)) as Promises['mkdir'];
  const syncWriteFile: Promises['writeFile'] = async (file, data, options) => {
    const signal = typeof options === 'object' && options !== null ? options.signal : undefined;
    const plain = (typeof data === 'string' || ArrayBuffer.isView(data)) && (typeof file === 'string' || Buffer.isBuffer(file) || file instanceof URL);
    if (!plain || signal) return writeFile(file, data, options);
    fs.writeFileSync(file, data as string | NodeJS.ArrayBufferView, options as fs.WriteFileOptions);
    await turnTheLoop();
  };
  target.mkdir = syncMkdir;
  target.writeFile = syncWriteFile;
  return () => {
    // Only what this call put there: a later patch on top is left to undo itself.
    if (target.mkdir === syncMkdir) target.mkdir = mkdir;
    if (target.writeFile === syncWriteFile) target.writeFile = writeFile;
  };
}
