import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBuilds, removeInBackground, removeIncompleteBuilds, RETIRED_PREFIX, retireBuilds, writeBuildMarker } from '../../src/publish/site.ts';

/*
 * A night makes room for the build it adds when it starts (retireBuilds), and the retired builds
 * are removed after it (removeInBackground), so that removing a build of ≈100k files is not part
 * of its publish: the published build and the newest others stay, `keep - 1` in all, and the
 * build the night publishes makes `keep` again.
 */
function buildsDir(names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-prune-'));
  for (const name of names) {
    const b = path.join(dir, name);
    fs.mkdirSync(path.join(b, 'client', 'orders', 'X1'), { recursive: true });
    fs.writeFileSync(path.join(b, 'client', 'orders', 'X1', 'index.html'), name);
    writeBuildMarker(b, { run_id: name, built_at: '2019-03-01T02:00:00+08:00', orders: 1 });
  }
  return dir;
}

describe('making room for the next build', () => {
  it('keeps the published build and the newest others, keep - 1 in all, and retires the rest at once, out of every listing', async () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2', '20190303T020000-3', '20190304T020000-4']);
    const published = path.join(dir, '20190303T020000-3');
    const { retired, leftovers } = retireBuilds(dir, published, 3);
    expect(leftovers).toEqual([]);
    expect(retired.map((d) => path.basename(d))).toEqual([`${RETIRED_PREFIX}20190301T020000-1`, `${RETIRED_PREFIX}20190302T020000-2`]);
    // Retired, not yet removed: no listing sees them, and a leftover sweep does not remove them on its own.
    expect(listBuilds(dir).map((d) => path.basename(d))).toEqual(['20190303T020000-3', '20190304T020000-4']);
    expect(removeIncompleteBuilds(dir, published)).toEqual([]);
    await removeInBackground(retired, { detached: true });
    expect(fs.readdirSync(dir).sort()).toEqual(['20190303T020000-3', '20190304T020000-4']);
  });

  it('removes nothing when nothing is published (the first night) or when there is room', () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2']);
    expect(retireBuilds(dir, undefined, 3)).toEqual({ retired: [], leftovers: [] });
    expect(retireBuilds(dir, path.join(dir, '20190302T020000-2'), 3)).toEqual({ retired: [], leftovers: [] });
    expect(listBuilds(dir)).toHaveLength(2);
  });

  it('hands the next night what a stopped removal left, and removes it', async () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2', '20190303T020000-3']);
    const first = retireBuilds(dir, path.join(dir, '20190303T020000-3'), 2);
    expect(first.retired).toHaveLength(2);
    // The removal never ran (the run was stopped): the next night finds both.
    const next = retireBuilds(dir, path.join(dir, '20190303T020000-3'), 2);
    expect(next).toEqual({ retired: [], leftovers: first.retired });
    await removeInBackground(next.leftovers, { detached: false });
    expect(fs.readdirSync(dir)).toEqual(['20190303T020000-3']);
  });

  it('never retires the published build, however the builds directory and the published link name it', () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2', '20190303T020000-3', '20190304T020000-4']);
    const viaLink = `${dir}-link`;
    fs.symlinkSync(dir, viaLink);
    // Rolled back to the oldest build: it is published, named by its real path; the builds by the link.
    const { retired } = retireBuilds(viaLink, path.join(dir, '20190301T020000-1'), 3);
    expect(retired.map((d) => path.basename(d))).toEqual([`${RETIRED_PREFIX}20190302T020000-2`, `${RETIRED_PREFIX}20190303T020000-3`]);
    expect(listBuilds(dir).map((d) => path.basename(d))).toEqual(['20190301T020000-1', '20190304T020000-4']);
  });
});
