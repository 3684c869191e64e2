import fs from 'node:fs';

/**
 * A file of the previous build in this one: a hard link (builds are never modified once
 * written, and a link copies nothing), or a copy where links are not possible (another file
 * system).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (e) {
    // A missing file is an error for the caller to explain, not a reason to try a copy.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
    fs.copyFileSync(from, to);
  }
}

/** Whether two paths are the very same file (a hard link of it), as a reused page of the previous build is; false if either is missing. */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}
