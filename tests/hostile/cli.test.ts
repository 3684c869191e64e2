/**
 * Command-line errors are one line a person can act on, never a stack trace (DESIGN §9):
 * exit 2 for bad usage, 1 for a run that failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const run = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], { encoding: 'utf8', env: { ...process.env, SUNSHINE_DB: path.join(dir, 'none.db') } });
  return { code: r.status, err: r.stderr };
};
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+[(:]\d+/m);

describe('command-line errors', () => {
  it('a bad --feed URL: exit 2, says which flag and why', () => {
    for (const url of ['http://exa mple.com/feed', 'http://[::1/x', 'ftp://host/feed']) {
      const r = run('ingest', ['--feed', url]);
      expect(r.code, url).toBe(2);
      expect(r.err).toMatch(/--feed/);
      noStack(r.err);
    }
  });

  it('a truncated or foreign database file: one line naming the remedy, exit 1', () => {
    const bad = path.join(dir, 'truncated.db');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(50, 7)]));
    for (const [script, args] of [['ingest', ['--feed', 'data/sample', '--db', bad]], ['analyze', ['--db', bad]]] as const) {
      const r = run(script, [...args]);
      expect(r.code, script).toBe(1);
      expect(r.err).toMatch(/damaged or not a SQLite database/);
      expect(r.err.trim().split('\n').filter((l) => /error|failed/.test(l))).toHaveLength(1);
      noStack(r.err);
    }
  });

  it('bad usage of nightly and analyze: exit 2, no stack', () => {
    const r = run('nightly', ['--dist']);
    expect(r.code).toBe(2);
    noStack(r.err);
    const a = run('analyze', ['--db']);
    expect(a.code).toBe(2);
    noStack(a.err);
  });
});
