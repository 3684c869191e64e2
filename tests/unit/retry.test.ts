import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  describeRetry,
  isRetryableStatus,
  parseHttpDate,
  parseRetryAfter,
  RetriesExhaustedError,
  RetryableError,
  retryDelay,
  withRetry,
} from '../../src/ingest/core/http/retry.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0); // Wed, 01 May 2024 12:00:00 GMT

describe('isRetryableStatus', () => {
  it('retries throttling, request timeouts and server errors', () => {
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(s), String(s)).toBe(true);
  });
  it('does not retry requests the server refused', () => {
    for (const s of [400, 401, 403, 404, 405, 410, 422, 200, 304]) expect(isRetryableStatus(s), String(s)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
  });
  it('reads an HTTP-date in all three RFC 9110 forms, relative to now', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfter('Wednesday, 01-May-24 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Wed May  1 12:00:02 2024', NOW)).toBe(2000);
  });
  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', NOW)).toBe(0);
  });
  it('ignores garbage, negative and fractional values', () => {
    for (const v of [null, undefined, '', 'soon', '-5', '1.5', '1e3', 'x 1', '2024-05-01T12:00:05Z', 'Wed, 31 Feb 2024 12:00:00 GMT', 'Wed, 01 Foo 2024 12:00:00 GMT']) {
      expect(parseRetryAfter(v, NOW), String(v)).toBeNull();
    }
  });
});

describe('parseHttpDate', () => {
  it('parses IMF-fixdate exactly', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });
  it('rejects times out of range and non-GMT zones', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 24:00:00 GMT')).toBeNull();
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 +0800')).toBeNull();
  });
});

describe('backoffDelay', () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles its ceiling per retry and draws from its upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, opts, () => 0.999999))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, opts, () => 0))).toEqual([50, 100, 200, 400]);
  });
  it('never exceeds maxDelayMs, however many retries', () => {
    expect(backoffDelay(5, opts, () => 0.999999)).toBe(1000);
    expect(backoffDelay(60, opts, () => 0.999999)).toBe(1000);
    expect(backoffDelay(60, opts, () => 0)).toBe(500);
  });
  it('varies with the random source (jitter)', () => {
    const seen = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(3, opts, () => r)));
    expect(seen.size).toBe(4);
  });
});

describe('retryDelay', () => {
  const opts = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, random: () => 0.5 };
  it("honours the server's Retry-After over backoff, up to maxRetryAfterMs", () => {
    expect(retryDelay(1, new RetryableError('HTTP 429', 2000), opts)).toBe(2000);
    expect(retryDelay(1, new RetryableError('HTTP 429', 0), opts)).toBe(0);
    expect(retryDelay(1, new RetryableError('HTTP 429', 3_600_000), opts)).toBe(5000);
  });
  it('falls back to backoff without Retry-After', () => {
    expect(retryDelay(2, new RetryableError('HTTP 500'), opts)).toBe(150);
  });
});

describe('withRetry', () => {
  const fast = { baseDelayMs: 10, maxDelayMs: 40, random: () => 0.5 };

  it('returns the first success and waits between failures', async () => {
    const slept: number[] = [];
    const lines: string[] = [];
    let calls = 0;
    const out = await withRetry(
      'GET http://x/orders?cursor=3',
      async (attempt) => {
        calls++;
        if (attempt === 1) throw new RetryableError('HTTP 429', 1000);
        if (attempt === 2) throw new RetryableError('HTTP 500');
        return 'ok';
      },
      { ...fast, sleep: async (ms) => void slept.push(ms), onRetry: (e) => lines.push(describeRetry('GET http://x/orders?cursor=3', e)) },
    );
    expect(out).toBe('ok');
    expect(calls).toBe(3);
    expect(slept).toEqual([1000, 15]);
    expect(lines).toEqual([
      'GET http://x/orders?cursor=3: HTTP 429, retrying in 1.0 s (attempt 2/6)',
      'GET http://x/orders?cursor=3: HTTP 500, retrying in 0.0 s (attempt 3/6)',
    ]);
  });

  it('gives up after the configured attempts, naming the label, the count and the last failure', async () => {
    let calls = 0;
    const err = await withRetry(
      'GET http://x/listings',
      async (attempt) => {
        calls++;
        throw new RetryableError(`HTTP 50${attempt}`);
      },
      { ...fast, attempts: 4, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as Error).message).toBe('GET http://x/listings: failed after 4 attempts; last failure: HTTP 504');
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const err = await withRetry('GET http://x/', async () => {
      calls++;
      throw new Error('HTTP 404 Not Found');
    }, { ...fast, sleep: async () => {} }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((err as Error).message).toBe('HTTP 404 Not Found');
  });

  it('rejects a nonsensical attempt count', async () => {
    await expect(withRetry('x', async () => 1, { attempts: 0 })).rejects.toThrow(/attempts/);
  });
});
