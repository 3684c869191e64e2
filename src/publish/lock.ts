import fs from 'node:fs';
import os from 'node:os';

/**
 * One nightly run at a time, per database. The lock is a file created with O_EXCL holding the
 * owner's pid, host and start time (and, while a build runs, the build's pid). A second run
 * does not wait: it fails at once with the owner's details — cron will try again tomorrow, and
 * a run queued behind a stuck one would only hide the problem.
 *
 * A lock whose owner is dead (crash, SIGKILL, reboot) is stale and is cleared. Two runs may
 * find the same stale lock; clearing goes through a second O_EXCL file (the "breaker") so that
 * only one of them removes it and the other then sees the winner's fresh lock.
 */

export interface LockInfo {
  pid: number;
  host: string;
  started_at: string;
  /** Process group of the running `astro build`, so a successor can stop an orphaned build. */
  child_pid?: number;
}

export class LockBusyError extends Error {
  readonly lockPath: string;
  readonly owner: LockInfo | undefined;
  constructor(lockPath: string, owner: LockInfo | undefined) {
    super(
      owner
        ? `another nightly run holds ${lockPath} (pid ${owner.pid} on ${owner.host}, started ${owner.started_at}); not starting a second one`
        : `another nightly run is just taking ${lockPath}; not starting a second one`,
    );
    this.lockPath = lockPath;
    this.owner = owner;
    this.name = 'LockBusyError';
  }
}

export interface Lock {
  path: string;
  info: LockInfo;
  /** Rewrites the lock file (e.g. to record the build's pid). */
  update(patch: Partial<LockInfo>): void;
  release(): void;
  /** What the stale lock we cleared said, if there was one (for the run report). */
  cleared?: LockInfo;
}

// A lock file that is empty or unreadable is being written right now — unless it is this old.
const UNREADABLE_GRACE_MS = 30_000;

export function acquireLock(lockPath: string, startedAt: string): Lock {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), started_at: startedAt };
  let cleared: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, info)) {
      let released = false;
      return {
        path: lockPath,
        info,
        cleared,
        update(patch) {
          Object.assign(info, patch);
          // Write-then-rename so a reader never sees a half-written lock.
          const tmp = `${lockPath}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, JSON.stringify(info));
          fs.renameSync(tmp, lockPath);
        },
        release() {
          if (released) return;
          released = true;
          const current = readLock(lockPath);
          if (current?.pid === process.pid && current.host === info.host) fs.rmSync(lockPath, { force: true });
        },
      };
    }
    const owner = readLock(lockPath);
    if (owner && ownerAlive(owner)) throw new LockBusyError(lockPath, owner);
    if (!owner && !olderThan(lockPath, UNREADABLE_GRACE_MS)) throw new LockBusyError(lockPath, undefined);
    const gone = clearStale(lockPath, owner);
    if (gone) cleared = gone;
  }
  throw new LockBusyError(lockPath, readLock(lockPath));
}

function tryCreate(lockPath: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, JSON.stringify(info));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

export function readLock(lockPath: string): LockInfo | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Is this pid a live process? A zombie (killed, not yet reaped) counts as dead. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

function ownerAlive(owner: LockInfo): boolean {
  // A lock written on another machine (shared storage) cannot be checked from here: respect it.
  if (owner.host !== os.hostname()) return true;
  return pidAlive(owner.pid);
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** Removes a stale lock unless someone else got there first; returns what it said. */
function clearStale(lockPath: string, seen: LockInfo | undefined): LockInfo | undefined {
  const breaker = `${lockPath}.breaker`;
  if (!tryCreate(breaker, { pid: process.pid, host: os.hostname(), started_at: new Date().toISOString() })) {
    // Another run is clearing it; if that run died mid-way its breaker is old and goes too.
    if (olderThan(breaker, UNREADABLE_GRACE_MS)) fs.rmSync(breaker, { force: true });
    return undefined;
  }
  try {
    const now = readLock(lockPath);
    // Still the same dead owner (or still unreadable)? Then nobody replaced it meanwhile.
    const same = now === undefined ? seen === undefined : seen !== undefined && now.pid === seen.pid && now.started_at === seen.started_at;
    if (!same || (now && ownerAlive(now))) return undefined;
    stopOrphanBuild(now);
    fs.rmSync(lockPath, { force: true });
    return now;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

/**
 * A run killed with SIGKILL leaves its `astro build` running (children outlive their parent).
 * It writes only into its own unpublished folder, but it holds memory and CPU, so the next
 * run stops it — only if the pid is still an astro build, never some unrelated reused pid.
 */
function stopOrphanBuild(owner: LockInfo | undefined): void {
  const pid = owner?.child_pid;
  if (!pid || !pidAlive(pid)) return;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!/astro/.test(cmd) || !/build/.test(cmd)) return;
    process.kill(-pid, 'SIGKILL'); // the build was started as its own process group
  } catch {
    // gone already, or not ours to signal
  }
}
