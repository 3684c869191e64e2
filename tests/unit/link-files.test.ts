import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkFolder, linkOrCopy } from '../../src/site/integrations/link-files.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'link-files-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('linkOrCopy (a previous build\'s file in this one)', () => {
  it('links the very file: same inode, no copy', () => {
    const from = path.join(work, 'a.html');
    fs.writeFileSync(from, '页');
    const to = path.join(work, 'b.html');
    linkOrCopy(from, to);
    expect(fs.statSync(to).ino).toBe(fs.statSync(from).ino);
    expect(fs.readFileSync(to, 'utf8')).toBe('页');
  });

  it('fails on a missing file instead of hiding it behind a copy attempt', () => {
    expect(() => linkOrCopy(path.join(work, 'nope.html'), path.join(work, 'c.html'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(fs.existsSync(path.join(work, 'c.html'))).toBe(false);
  });
});

describe('linkFolder (a month\'s lists of the previous build in this one)', () => {
  it('links every file of every subfolder, and nothing else', () => {
    const from = path.join(work, 'month-a');
    for (const rel of ['index.html', 'page/2/index.html', 'by-gap/page/3/index.html']) {
      fs.mkdirSync(path.dirname(path.join(from, rel)), { recursive: true });
      fs.writeFileSync(path.join(from, rel), rel);
    }
    fs.mkdirSync(path.join(from, 'empty'));
    const to = path.join(work, 'build', 'orders', 'month', 'month-a');
    linkFolder(from, to);
    const files = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    expect(files(to)).toEqual(files(from));
    for (const rel of files(from)) expect(fs.statSync(path.join(to, rel)).ino).toBe(fs.statSync(path.join(from, rel)).ino);
    expect(fs.existsSync(path.join(to, 'empty'))).toBe(true);
  });
});
