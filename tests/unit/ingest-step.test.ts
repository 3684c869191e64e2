import { describe, expect, it } from 'vitest';
import { codeHash, ingestCodeHash } from '../../src/publish/code-hash.ts';
import { fileLedgerOptions } from '../../src/publish/ingest-step.ts';

describe('which feed files `ingest` and `nightly` may leave unread', () => {
  it('leaves out unchanged files unless --reread or nightly --full', () => {
    expect(fileLedgerOptions({ reread: false }).skipUnchanged).toBe(true);
    expect(fileLedgerOptions({ reread: true }).skipUnchanged).toBe(false);
    expect(fileLedgerOptions({ reread: false }, true).skipUnchanged).toBe(false);
  });

  it('keys the files read by the ingest code, which the build settings do not change', () => {
    const before = { corrections: process.env.SUNSHINE_CORRECTIONS };
    try {
      const code = ingestCodeHash(process.cwd());
      expect(code).toMatch(/^[0-9a-f]{64}$/);
      expect(fileLedgerOptions({ reread: false }).code).toBe(code);
      const build = codeHash(process.cwd());
      process.env.SUNSHINE_CORRECTIONS = 'some-other-file.json';
      expect(codeHash(process.cwd())).not.toBe(build);
      expect(ingestCodeHash(process.cwd())).toBe(code);
    } finally {
      if (before.corrections === undefined) delete process.env.SUNSHINE_CORRECTIONS;
      else process.env.SUNSHINE_CORRECTIONS = before.corrections;
    }
  });
});
