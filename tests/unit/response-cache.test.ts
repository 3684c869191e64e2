import { describe, expect, it } from 'vitest';
import { cachedAnswer, keepAnswer } from '../../src/server/api/response-cache.ts';

const csv = () => new Response('\uFEFFa,b\r\n1,2\r\n', { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', etag: '"v1-x"' } });

describe('the API answer cache', () => {
  it('gives the same bytes (a CSV keeps its BOM) and headers for the same version and URL', async () => {
    const first = await keepAnswer('v-a', '/api/orders?format=csv', csv());
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const hit = cachedAnswer('v-a', '/api/orders?format=csv')!;
    expect(hit.body).toEqual(bytes);
    expect(new Map(hit.headers).get('etag')).toBe('"v1-x"');
  });
  it('never serves an answer of another data version, and keeps no errors', async () => {
    await keepAnswer('v-a', '/api/x', csv());
    expect(cachedAnswer('v-b', '/api/x')).toBeUndefined();
    await keepAnswer('v-b', '/api/y', csv());
    expect(cachedAnswer('v-b', '/api/x')).toBeUndefined(); // the new version emptied the cache
    await keepAnswer('v-b', '/api/bad', new Response('{}', { status: 400 }));
    expect(cachedAnswer('v-b', '/api/bad')).toBeUndefined();
  });
  it('is bounded: the least recently used answers go first', async () => {
    for (let i = 0; i < 600; i++) await keepAnswer('v-c', `/api/orders?page=${i}`, csv());
    expect(cachedAnswer('v-c', '/api/orders?page=0')).toBeUndefined();
    expect(cachedAnswer('v-c', '/api/orders?page=599')).toBeDefined();
    const kept = Array.from({ length: 600 }, (_, i) => cachedAnswer('v-c', `/api/orders?page=${i}`)).filter(Boolean).length;
    expect(kept).toBe(512);
  });
});
