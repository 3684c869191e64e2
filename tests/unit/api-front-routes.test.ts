import { describe, expect, it } from 'vitest';
import { apiFront, rememberRoute } from '../../src/server/api/fast-answer.ts';

/** The paths the front may send to an endpoint itself: only those Astro routed, bounded in number and length. */
describe('the routes the API front remembers', () => {
  const seen: Request[] = [];
  const endpoint = (name: string) => async (r: Request) => {
    seen.push(r);
    return new Response(name);
  };

  it('calls the endpoint Astro called for that path, with the URL and If-None-Match only', async () => {
    rememberRoute('/api/orders', endpoint('orders'));
    const answer = apiFront.routed('/api/orders?agency=A1&sort=-amount', '"v1-x"')!;
    expect(await (await answer).text()).toBe('orders');
    const r = seen.at(-1)!;
    expect(new URL(r.url).pathname + new URL(r.url).search).toBe('/api/orders?agency=A1&sort=-amount');
    expect(r.headers.get('if-none-match')).toBe('"v1-x"');
    expect(r.signal.aborted).toBe(false);
    expect(apiFront.routed('/api/never-routed', undefined)).toBeUndefined();
    expect(apiFront.routed('/api/orders/', undefined)).toBeUndefined(); // another path, even if Astro would route it the same
  });

  it('keeps at most 4,096 paths, the least recently used going first, and no path over 512 characters', () => {
    rememberRoute('/api/keep', endpoint('keep'));
    rememberRoute('/api/first-one-off', endpoint('x'));
    for (let i = 0; i < 5000; i++) {
      rememberRoute(`/api/orders/ONE-OFF-${i}`, endpoint('x'));
      if (i % 1000 === 0) rememberRoute('/api/keep', endpoint('keep')); // in use: an endpoint remembers it again
    }
    expect(apiFront.routed('/api/keep', undefined)).toBeDefined();
    expect(apiFront.routed('/api/first-one-off', undefined)).toBeUndefined();
    expect(apiFront.routed('/api/orders/ONE-OFF-4999', undefined)).toBeDefined();
    expect(apiFront.routed('/api/orders/ONE-OFF-0', undefined)).toBeUndefined();
    const long = `/api/orders/${'x'.repeat(600)}`;
    rememberRoute(long, endpoint('long'));
    expect(apiFront.routed(long, undefined)).toBeUndefined();
  });
});
