import fs from 'node:fs';

/**
 * On a full render the search index indexes each purchase shard beside the render, once every
 * page of the shard has been written (search-early.ts), rather than all of them after Astro's
 * exit. A page that exists may still be half written, so Astro's process says which pages it
 * has finished: it appends their paths, a line each, to the file named in
 * SUNSHINE_PAGES_WRITTEN (sync-page-writes.ts), and the search index reads the lines as they
 * come. The build sets it on a full night only (build.ts); unset, nothing is recorded.
 */
export const PAGES_WRITTEN_ENV = 'SUNSHINE_PAGES_WRITTEN';

// Paths are gathered and appended a batch at a time: a write per page would cost a system call each.
const FLUSH_MS = 100;

export interface PageLogWriter {
  /** A file this process has finished writing (an absolute path). */
  written(file: string): void;
  /** Appends what is gathered and stops the timer. */
  close(): void;
}

/** Appends finished pages (`…/index.html`) to `file`, every FLUSH_MS and at close. */
export function pageLogWriter(file: string): PageLogWriter {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    fs.appendFileSync(file, `${pending.join('\n')}\n`);
    pending = [];
  };
  const timer = setInterval(flush, FLUSH_MS);
  timer.unref();
  return {
    written(path) {
      if (path.endsWith('index.html')) pending.push(path);
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}

/**
 * Reads the pages appended to `file` since the last call. A line not yet ended waits for its end,
 * kept as bytes: a batch may end inside a character.
 */
export function pageLogReader(file: string): () => string[] {
  let offset = 0;
  return () => {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return []; // nothing written yet
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= offset) return [];
      const bytes = Buffer.alloc(size - offset);
      const n = fs.readSync(fd, bytes, 0, bytes.length, offset);
      const end = bytes.lastIndexOf(0x0a, n - 1);
      if (end < 0) return [];
      offset += end + 1;
      return bytes.toString('utf8', 0, end).split('\n').filter((l) => l !== '');
    } finally {
      fs.closeSync(fd);
    }
  };
}
