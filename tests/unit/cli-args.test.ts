import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIngestArgs } from '../../src/ingest/core/cli-args.ts';

describe('parseIngestArgs', () => {
  it('collects repeatable sources and attaches each --mapping to the source before it', () => {
    const a = parseIngestArgs(['--feed', 'data/sample', '--retail', 'a.csv', '--mapping', 'm.json', '--retail', 'b.csv',
      '--csv', 'exports', '--mapping', 'cm.json', '--ocds', 'x.json', '--ocds', 'y', '--db', 'tmp/t.db']);
    expect(a.feed).toEqual(['data/sample']);
    expect(a.retail).toEqual([{ path: 'a.csv', mapping: 'm.json' }, { path: 'b.csv' }]);
    expect(a.csv).toEqual([{ path: 'exports', mapping: 'cm.json' }]);
    expect(a.ocds).toEqual(['x.json', 'y']);
    expect(a.dbPath).toBe(path.resolve('tmp/t.db'));
    expect(a.maxRejectShare).toBe(0.1);
    expect(a.reread).toBe(false);
    expect(parseIngestArgs(['--feed', 'd', '--reread']).reread).toBe(true);
  });
  it('refuses what it cannot place', () => {
    expect(() => parseIngestArgs([])).toThrow(/no source given/);
    expect(() => parseIngestArgs(['--mapping', 'm.json', '--feed', 'd'])).toThrow(/--mapping must follow/);
    expect(() => parseIngestArgs(['--feed', 'd', 'stray'])).toThrow(/unexpected argument "stray"/);
    expect(() => parseIngestArgs(['--feed', 'd', '--max-reject-share', '1.5'])).toThrow(/between 0 and 1/);
    expect(() => parseIngestArgs(['--feed', 'd', '--bogus'])).toThrow(/bogus/);
  });
});
