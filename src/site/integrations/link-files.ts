import fs from 'node:fs';

/**
 * A file of the previous build in this one: a hard link (builds are never modified once
 * written, and a link copies nothing), or a copy where links are not possible (another file
 * system).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
