import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '../../domain/result.ts';

/**
 * Reads a feed file safely (DESIGN §3 Values and Limits): its bytes (readRegularFile), then its
 * text (decodeFeedBytes). A path that is not a
 * regular file (a FIFO would block the run forever with the lock held, a device never ends),
 * a link leading outside the source folder, a file over MAX_FEED_FILE_BYTES or bytes that are
 * not UTF-8 give a reason instead of text. The file is opened non-blocking and without following
 * links, then checked through its descriptor, so nothing is swapped in between check and read.
 * Reasons never quote the file's bytes: the run may not have been asked to read it.
 */

export const MAX_FEED_FILE_BYTES = 512 * 1024 * 1024;

const NOT_UTF8 = 'is not valid UTF-8 (feed files are UTF-8, with or without BOM; a GBK/GB18030 export belongs to --csv)';

/**
 * The bytes of a regular file, or why it is not read; for every adapter that reads files
 * (feed, OCDS, CSV, retail). Without `root`, a symbolic link is refused outright.
 */
export function readRegularFile(file: string, root?: string): Result<Buffer> {
  let target = file;
  let link: fs.Stats;
  try {
    link = fs.lstatSync(file);
  } catch (e) {
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (link.isSymbolicLink()) {
    if (root === undefined) return fail('is a symbolic link; links are not followed');
    try {
      target = fs.realpathSync(file);
    } catch {
      return fail('is a symbolic link that leads nowhere');
    }
    const inside = path.relative(fs.realpathSync(root), target);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return fail('is a link leading outside the source folder; not followed');
  }
  let fd: number;
  try {
    fd = fs.openSync(target, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (e) {
    return fail(`cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return fail(`is not a regular file (${kindOf(st)}); not read`);
    if (st.size > MAX_FEED_FILE_BYTES) return fail(`is larger than ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB (${st.size} bytes); not read`);
    const bytes = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = fs.readSync(fd, bytes, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return ok(bytes.subarray(0, at));
  } finally {
    fs.closeSync(fd);
  }
}

/** UTF-8 text of a feed file or HTTP body, its BOM dropped; anything else is refused, never guessed. */
export function decodeFeedBytes(bytes: Uint8Array): Result<string> {
  try {
    // ignoreBOM: false (the default) drops a leading BOM, which JSON.parse would refuse.
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(NOT_UTF8);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}
