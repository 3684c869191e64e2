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

/** Every file of a folder of the previous build (a month's lists: ≈ 50 small folders) linked into this one; the number of files. */
export function linkFolder(from: string, to: string): number {
  let files = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = `${from}/${e.name}`;
    const b = `${to}/${e.name}`;
    if (e.isDirectory()) files += linkFolder(a, b);
    else if (e.isFile()) {
      linkOrCopy(a, b);
      files++;
    }
  }
  return files;
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
