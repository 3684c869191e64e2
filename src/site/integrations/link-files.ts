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

/** Every file of a folder of the previous build (a month's lists: ≈ 50 small folders) linked into this one. */
export function linkFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkFolder(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile()) linkOrCopy(`${from}/${e.name}`, `${to}/${e.name}`);
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
