import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { readSourceState } from '../../src/ingest/core/source-state.ts';
import { feedHttpSource, type FeedHttpOptions } from '../../src/ingest/feed/feed-http.ts';
import { dumpTables } from '../fixtures/db-dump.ts';
import { PHONE, CONTACT_NAME, listing, order, LISTINGS, ORDERS, pages, type FeedServer, startFeedServer } from '../fixtures/feed-server.ts';

/*
 * The HTTP adapter against a real server on 127.0.0.1. The server pages listings and orders
 * by cursor and misbehaves on a script: each fault is served once (or `times` times) for one
 * page, after which the page is served correctly. Backoff is tiny and Retry-After waits are
 * recorded rather than slept, so the whole file runs in about two seconds.
 */

// Generous for a request on 127.0.0.1, yet short enough for the one deliberate timeout.
const TIMEOUT_MS = 1000;

let server: FeedServer | undefined;

// The first fetch in a process loads undici, which on a busy machine can take longer than a
// request timeout; do it once here so that only the scripted hang ever times out.
beforeAll(async () => {
  const warm = await startFeedServer({});
  await (await fetch(`${warm.base}listings`)).text();
  await warm.close();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Fast retries; Retry-After waits are recorded and not slept. */
function testOptions(extra: Partial<FeedHttpOptions> = {}) {
  const log: string[] = [];
  const waits: number[] = [];
  const options: FeedHttpOptions = {
    timeoutMs: TIMEOUT_MS,
    retry: { attempts: 6, baseDelayMs: 1, maxDelayMs: 4, sleep: async (ms) => void waits.push(ms) },
    log: (m) => log.push(m),
    ...extra,
  };
  return { options, log, waits };
}

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const keysOf = (items: SourceItem[], kind: SourceItem['kind']) => items.filter((i) => i.kind === kind).map((i) => i.key);
const pathAndQuery = (u: URL) => `${u.pathname.replace('/feed/', '')}${u.search}`;

describe('feedHttpSource against a flaky server', () => {
  it('pages by cursor and, through 429, 500s, a timeout and broken bodies, yields every record exactly once', async () => {
    server = await startFeedServer({
      faults: {
        listings: [{ type: 'status', status: 429, headers: { 'retry-after': '2' } }],
        'listings?cursor=L2': [{ type: 'status', status: 500 }, { type: 'status', status: 500 }],
        'listings?cursor=L3': [{ type: 'hang', ms: 10_000 }],
        orders: [{ type: 'truncate' }],
        'orders?cursor=O2': [{ type: 'reset' }],
        'orders?cursor=O3': [{ type: 'not-envelope' }],
      },
    });
    const { options, log, waits } = testOptions();
    const source = feedHttpSource(server.base, options);
    expect(source.id).toBe(`feed:${server.base.replace(/\/$/, '')}`);

    const items = await collect(source.items());

    expect(items.every((i) => i.ok === true)).toBe(true);
    const listingKeys = keysOf(items, 'listing');
    const orderKeys = keysOf(items, 'order');
    expect(listingKeys).toEqual(LISTINGS.map((l) => l.sku));
    expect(orderKeys).toEqual(ORDERS.map((o) => o.order_no));
    expect(new Set(listingKeys).size).toBe(LISTINGS.length);
    expect(new Set(orderKeys).size).toBe(ORDERS.length);
    // Listings first, so that orders can refer to them.
    expect(items.findIndex((i) => i.kind === 'order')).toBe(LISTINGS.length);

    // Each retry repeats the same page request; no page is skipped or asked for beyond its faults.
    expect(server.requests.map(pathAndQuery)).toEqual([
      'listings',
      'listings',
      'listings?cursor=L2',
      'listings?cursor=L2',
      'listings?cursor=L2',
      'listings?cursor=L3',
      'listings?cursor=L3',
      'orders',
      'orders',
      'orders?cursor=O2',
      'orders?cursor=O2',
      'orders?cursor=O3',
      'orders?cursor=O3',
    ]);

    // The 429's Retry-After was honoured; the other waits are the tiny test backoff.
    expect(waits[0]).toBe(2000);
    expect(waits.slice(1).every((ms) => ms >= 0 && ms <= 4)).toBe(true);
    expect(log).toHaveLength(7);
    expect(log[0]).toBe(`GET ${server.base}listings: HTTP 429 Too Many Requests, retrying in 2.0 s (attempt 2/6)`);
    expect(log[1]).toMatch(/listings\?cursor=L2: HTTP 500 Internal Server Error, retrying in 0\.0 s \(attempt 2\/6\)$/);
    expect(log[2]).toMatch(/listings\?cursor=L2: HTTP 500 Internal Server Error, .*\(attempt 3\/6\)$/);
    expect(log[3]).toMatch(/listings\?cursor=L3: timed out after 1000 ms, .*\(attempt 2\/6\)$/);
    expect(log[4]).toMatch(/orders: body is not valid JSON/);
    expect(log[5]).toMatch(/cursor=O2: network error: terminated/);
    expect(log[6]).toMatch(/cursor=O3: body is not a feed envelope \(no "items" array\)/);
  });

  it('drops contact data: no order yields a contact, the phone number or the contact name', async () => {
    server = await startFeedServer({});
    const { options } = testOptions();
    const items = await collect(feedHttpSource(server.base, options).items());
    const orders = items.filter((i) => i.kind === 'order');
    expect(orders).toHaveLength(ORDERS.length);
    for (const o of orders) {
      if (o.ok !== true) throw new Error(`order ${o.key} was not accepted`);
      const text = JSON.stringify([o.raw, o.record]);
      expect(text).not.toContain('contact');
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(CONTACT_NAME);
    }
    const first = orders[0];
    expect(first?.ok === true && first.redactions).toBe(2);
  });

  it('asks only for what changed since the remembered updated_since, and offers the newest updated_at to remember', async () => {
    server = await startFeedServer({});
    const { options } = testOptions({ since: { listings: '2024-03-01T00:00:00+08:00', orders: '2024-04-01T00:00:00+08:00' } });
    const source = feedHttpSource(server.base, options);
    expect(source.stateToSave?.()).toEqual([]);
    await collect(source.items());
    for (const u of server.requests) {
      const kind = u.pathname.endsWith('/orders') ? 'orders' : 'listings';
      expect(u.searchParams.get('updated_since')).toBe(options.since?.[kind]);
    }
    expect(source.stateToSave?.()).toEqual([
      { kind: 'listings', updated_since: '2024-03-05T10:00:00+08:00' },
      { kind: 'orders', updated_since: '2024-04-19T12:00:00+08:00' },
    ]);
  });

  it('omits updated_since on the first run and cursor on the first page', async () => {
    server = await startFeedServer({});
    await collect(feedHttpSource(server.base, testOptions().options).items());
    const first = server.requests.filter((u) => !u.searchParams.has('cursor')).map(pathAndQuery);
    expect(first).toEqual(['listings', 'orders']);
    expect(server.requests.some((u) => u.searchParams.has('updated_since'))).toBe(false);
  });

  it("never remembers a time later than the server's clock when reading began", async () => {
    // Records changed while we page can slip behind the cursor; the next run must see them.
    server = await startFeedServer({ date: 'Tue, 05 Mar 2024 01:00:00 GMT' });
    const source = feedHttpSource(server.base, testOptions().options);
    await collect(source.items());
    expect(source.stateToSave?.()[0]).toEqual({ kind: 'listings', updated_since: '2024-03-05T09:00:00+08:00' });
  });
});

describe('feedHttpSource against a broken server', () => {
  it('gives up after the configured attempts with an error naming the URL, and offers no state', async () => {
    server = await startFeedServer({ always: { type: 'status', status: 500 } });
    const { options, log } = testOptions({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const source = feedHttpSource(server.base, options);
    const started = Date.now();
    const err = await collect(source.items()).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`GET ${server.base}listings: failed after 3 attempts; last failure: HTTP 500 Internal Server Error`);
    expect(server.requests).toHaveLength(3);
    expect(log).toHaveLength(2);
    expect(source.stateToSave?.()).toEqual([]);
  });

  it('fails at once on a refused request (404), naming the URL and the status', async () => {
    server = await startFeedServer({});
    const source = feedHttpSource(server.base.replace('/feed/', '/nope/'), testOptions().options);
    await expect(collect(source.items())).rejects.toThrow(`GET ${server.base.replace('/feed/', '/nope/')}listings: HTTP 404 Not Found`);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the listings state when orders break afterwards, and throws', async () => {
    server = await startFeedServer({ faults: { 'orders?cursor=O2': Array(3).fill({ type: 'status', status: 503 }) } });
    const source = feedHttpSource(server.base, testOptions({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } }).options);
    const seen: SourceItem[] = [];
    await expect(
      (async () => {
        for await (const i of source.items()) seen.push(i);
      })(),
    ).rejects.toThrow(/orders\?cursor=O2: failed after 3 attempts; last failure: HTTP 503/);
    // Items stream page by page: everything before the broken page was already yielded.
    expect(keysOf(seen, 'order')).toEqual(['PO-1', 'PO-2', 'PO-3', 'PO-4']);
    expect(source.stateToSave?.().map((s) => s.kind)).toEqual(['listings']);
  });
});

describe('feedHttpSource configuration', () => {
  it('rejects a base that is not an http(s) URL', () => {
    expect(() => feedHttpSource('ftp://example.org/feed')).toThrow(/http or https/);
    expect(() => feedHttpSource('not a url')).toThrow(/not a valid URL/);
  });
});

describe('feedHttpSource in an ingest run', () => {
  const allTables = (dbPath: string) => {
    const names = (dumpTables(dbPath, ['sqlite_master']).sqlite_master as { type: string; name: string }[])
      .filter((r) => r.type === 'table')
      .map((r) => r.name);
    return dumpTables(dbPath, names);
  };
  const walBytes = (dbPath: string) => (fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0);

  it('stores the feed without personal data, remembers updated_since, and a source that stays broken changes nothing', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-http-')), 'test.db');
    const ingest = (opts: FeedHttpOptions) =>
      runIngest({ dbPath, sources: [feedHttpSource(server!.base, opts)], categoriesFile: '/nonexistent' });

    server = await startFeedServer({ faults: { 'listings?cursor=L2': [{ type: 'status', status: 502 }] } });
    const first = await ingest(testOptions().options);
    expect(first.status, first.error).toBe('ok');
    expect(first.sources[0]?.counts.kinds.order).toMatchObject({ read: ORDERS.length, inserted: ORDERS.length });
    const id = `feed:${server.base.replace(/\/$/, '')}`;
    const since = readSourceState(dbPath)(id);
    expect(since).toEqual({ listings: '2024-03-05T10:00:00+08:00', orders: '2024-04-19T12:00:00+08:00' });
    await server.close();
    // runIngest closed its connection, which folds the WAL into the file: its bytes are the whole
    // database. (readSourceState's read-only connection leaves an empty -wal behind.)
    expect(walBytes(dbPath)).toBe(0);
    const dbText = fs.readFileSync(dbPath).toString('utf8');
    expect(dbText).not.toContain(PHONE);
    expect(dbText).not.toContain(CONTACT_NAME);

    const bytesBefore = fs.readFileSync(dbPath);
    const tablesBefore = allTables(dbPath);

    // Newer versions of everything, then orders page 2 fails for good: what was loaded before it must not stay.
    server = await startFeedServer({
      listings: LISTINGS.map((l) => ({ ...l, price: '1.00', updated_at: '2024-06-01T00:00:00+08:00' })),
      orders: ORDERS.map((o) => ({ ...o, total: '300.00', updated_at: '2024-06-01T00:00:00+08:00' })),
      faults: { 'orders?cursor=O2': Array(3).fill({ type: 'status', status: 500 }) },
    });
    const second = await ingest(testOptions({ since, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } }).options);
    expect(second.status).toBe('failed');
    expect(second.error).toBe(`GET ${server.base}orders?updated_since=2024-04-19T12%3A00%3A00%2B08%3A00&cursor=O2: failed after 3 attempts; last failure: HTTP 500 Internal Server Error`);
    // All listings and the first orders page were read (and loaded) before the failure.
    expect(server.requests).toHaveLength(3 + 1 + 3);
    expect(server.requests.every((u) => u.searchParams.get('updated_since') === since[u.pathname.endsWith('/orders') ? 'orders' : 'listings'])).toBe(true);

    expect(walBytes(dbPath)).toBe(0);
    expect(allTables(dbPath)).toEqual(tablesBefore);
    expect(fs.readFileSync(dbPath).equals(bytesBefore)).toBe(true);
  });
});
