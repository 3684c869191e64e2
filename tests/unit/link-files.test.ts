import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkOrCopy } from '../../src/site/integrations/link-files.ts';

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
