import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpLimitsFromEnv } from '../../src/ingest/core/build-sources.ts';
import { feedHttpSource, type FeedHttpOptions } from '../../src/ingest/feed/feed-http.ts';
import { makeListing, makeOrder } from '../fixtures/feed-items.ts';
import { encodeGbk } from '../fixtures/gbk.ts';
import { ingestSource } from './harness.ts';

// Servers that never end: every run against them must still finish, with a reason.
type Handler = (kind: string, cursor: string | null, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    handler(url.pathname.split('/').pop()!, url.searchParams.get('cursor'), res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const json = (res: http.ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const fast: FeedHttpOptions = { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 2_000 };

describe('hostile feed servers', () => {
  it('fails clearly, not forever, when a cursor repeats', async () => {
    let calls = 0;
    const base = await serve((kind, cursor, res) => {
      calls++;
      json(res, { items: [makeListing(`SKU-${calls}`)], next_cursor: cursor === null ? 'A' : cursor === 'A' ? 'B' : 'A' });
    });
    const { report } = await ingestSource(feedHttpSource(base, fast));
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/next_cursor "A" was already followed/);
    expect(calls).toBe(3);
  });

  it('stops at the page cap when every cursor is new', async () => {
    let n = 0;
    const base = await serve((_kind, _cursor, res) => json(res, { items: [], next_cursor: `c${++n}` }));
    const { report } = await ingestSource(feedHttpSource(base, { ...fast, maxPages: 25 }));
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/more than 25 pages/);
    expect(n).toBe(25);
  });

  it('gives up at the whole-run deadline on a server that never answers', async () => {
    const base = await serve(() => {}); // accepts the request, never responds
    const started = Date.now();
    const { report } = await ingestSource(feedHttpSource(base, { ...fast, timeoutMs: 60_000, deadlineMs: 300 }));
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/deadline/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a page that is not UTF-8 rather than storing mojibake', async () => {
    const base = await serve((kind, _cursor, res) => {
      const body = JSON.stringify({ items: kind === 'orders' ? [makeOrder('O-1')] : [], next_cursor: null });
      res.writeHead(200, { 'content-type': 'application/json' }).end(kind === 'orders' ? encodeGbk(body) : body);
    });
    const { report } = await ingestSource(feedHttpSource(base, fast));
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/not valid UTF-8/);
  });

  it('reads its limits from the environment, ignoring nonsense', () => {
    expect(httpLimitsFromEnv({ SUNSHINE_FEED_DEADLINE_MINUTES: '5', SUNSHINE_FEED_MAX_PAGES: '10', SUNSHINE_FEED_TIMEOUT_SECONDS: '2' })).toEqual({
      deadlineMs: 300_000, maxPages: 10, timeoutMs: 2_000,
    });
    expect(httpLimitsFromEnv({ SUNSHINE_FEED_DEADLINE_MINUTES: '0', SUNSHINE_FEED_MAX_PAGES: '0x10' })).toEqual({});
  });
});
