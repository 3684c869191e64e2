import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBuilds, pruneBuildsBeside, writeBuildMarker } from '../../src/publish/site.ts';

/*
 * A night makes room for the build it adds while it runs (pruneBuildsBeside), so that removing a
 * build of ≈100k files is not part of its publish: the published build and the newest others stay,
 * `keep - 1` in all, and the build the night publishes makes `keep` again.
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
  it('keeps the published build and the newest others, keep - 1 in all, and removes the rest in the background', async () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2', '20190303T020000-3', '20190304T020000-4']);
    const published = path.join(dir, '20190303T020000-3');
    const { doomed, done } = pruneBuildsBeside(dir, published, 3);
    expect(doomed.map((d) => path.basename(d))).toEqual(['20190301T020000-1', '20190302T020000-2']);
    await done;
    expect(listBuilds(dir).map((d) => path.basename(d))).toEqual(['20190303T020000-3', '20190304T020000-4']);
    expect(fs.readdirSync(dir).sort()).toEqual(['20190303T020000-3', '20190304T020000-4']);
  });

  it('removes nothing when nothing is published (the first night) or when there is room', async () => {
    const dir = buildsDir(['20190301T020000-1', '20190302T020000-2']);
    expect(pruneBuildsBeside(dir, undefined, 3).doomed).toEqual([]);
    const { doomed, done } = pruneBuildsBeside(dir, path.join(dir, '20190302T020000-2'), 3);
    await done;
    expect(doomed).toEqual([]);
    expect(listBuilds(dir)).toHaveLength(2);
  });
});
