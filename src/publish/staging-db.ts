import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openReader } from '../db/connection.ts';

/**
 * The nightly run never writes the live database. It works on a staging copy beside it (same
 * directory, so the final rename is atomic on one filesystem), and the live file is only ever
 * replaced whole, by rename, after every stage passed. A failed run deletes its copy and the
 * live file is byte-for-byte what it was.
 */

const SIDECARS = ['-wal', '-shm', '-journal'];

// `sunshine.staging-<run>.db`: same directory as the live file, and matched by the same
// ignore patterns (data/*.db) so a copy left by a crash never shows up as a change.
const stagingPrefix = (livePath: string) => `${path.basename(livePath, path.extname(livePath))}.staging-`;

export const stagingPathFor = (livePath: string, runId: string) =>
  path.join(path.dirname(livePath), `${stagingPrefix(livePath)}${runId}${path.extname(livePath) || '.db'}`);

/**
 * Copies the live database to the staging path with SQLite's online backup, read-only on the
 * source: it includes anything still in a -wal and never modifies the live file. Without a
 * live database yet, the staging database starts empty (ingest creates and migrates it).
 */
export async function createStaging(livePath: string, stagingPath: string): Promise<void> {
  removeDb(stagingPath);
  if (!fs.existsSync(livePath)) return;
  const { sqlite } = openReader(livePath);
  try {
    // The published database is one file in rollback-journal mode (finalizeStaging). A read
    // transaction holds SQLite's shared lock, so no writer can change the file while it is
    // copied as a file: 0.02–0.05 s for 115 MB, where the backup API took 0.55 s. Any other
    // mode (a WAL beside the file) goes through the backup API.
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'delete') {
      await sqlite.backup(stagingPath);
      return;
    }
    const read = sqlite.transaction(() => {
      sqlite.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      fs.copyFileSync(livePath, stagingPath);
    });
    read();
  } finally {
    sqlite.close();
  }
}

/**
 * Makes the staging database one self-contained file before it is published: WAL folded in
 * and rollback-journal mode, so readers (the server, the build) never need -wal/-shm files
 * beside the published file, and a rename moves the whole database. Also a quick integrity
 * check: a damaged file is never published.
 */
export function finalizeStaging(stagingPath: string): void {
  const db = new BetterSqlite3(stagingPath, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`staging database failed quick_check: ${String(check)}`);
  } finally {
    db.close();
  }
  fsyncFile(stagingPath);
}

/**
 * Swaps the staging file in as the live database. A -wal/-shm left beside the live file (by a
 * manual `npm run ingest` into it) would otherwise be read as part of the NEW file by the next
 * reader, so they are folded into the old file and removed first; the old file itself goes away
 * with the rename (readers that still hold it keep their snapshot until they reopen).
 */
export function swapInStaging(stagingPath: string, livePath: string): void {
  retireSidecars(livePath);
  fs.renameSync(stagingPath, livePath);
  fsyncDir(path.dirname(livePath));
}

function retireSidecars(livePath: string): void {
  if (!SIDECARS.slice(0, 2).some((s) => fs.existsSync(livePath + s))) return;
  try {
    const db = new BetterSqlite3(livePath, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
  } catch {
    // Busy readers: their content is already in the staging copy, removing the files is enough.
  }
  for (const s of SIDECARS.slice(0, 2)) fs.rmSync(livePath + s, { force: true });
}

/** Removes a database file and its sidecars (a discarded staging copy). */
export function removeDb(dbPath: string): void {
  for (const s of ['', ...SIDECARS]) fs.rmSync(dbPath + s, { force: true });
}

/** Staging copies left by runs that died: safe to delete while we hold the lock. */
export function removeLeftoverStaging(livePath: string): string[] {
  const dir = path.dirname(livePath);
  const prefix = stagingPrefix(livePath);
  if (!fs.existsSync(dir)) return [];
  const gone = fs.readdirSync(dir).filter((f) => f.startsWith(prefix));
  for (const f of gone) fs.rmSync(path.join(dir, f), { force: true });
  return gone;
}

/** A copy of the published database kept with its build, for rollback (reflinked where the filesystem can). */
export function snapshotDb(fromPath: string, toPath: string): void {
  fs.copyFileSync(fromPath, toPath, fs.constants.COPYFILE_FICLONE);
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  }
}
