/**
 * The product price history, read like Keepa (issue 16): a real time scale, step lines, the
 * purchases as points, ranges that change the axis, the chosen purchase's ±14-day window
 * shaded when opened from its order page, the numbers as CSV, and no console errors.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDb } from '../fixtures/seed-db.ts';
import { browserAvailability } from './harness.ts';
import { servedSite } from './served-site.ts';

const availability = browserAvailability();

/** What the chart element holds, read through its own instance (no globals for tests). */
function chartFacts() {
  const el = document.querySelector('sunshine-price-chart') as HTMLElement & { chart?: any };
  const c = el?.chart;
  if (!c) return null;
  return {
    xType: c.scales.x.type as string,
    xMin: c.scales.x.min as number,
    xMax: c.scales.x.max as number,
    datasets: c.data.datasets.map((d: any) => ({ type: d.type, label: d.label, n: d.data.length, stepped: d.stepped ?? false })),
    window: c.options.plugins.annotation.annotations.window ?? null,
  };
}

describe.skipIf(!availability.run)('the product price history chart', () => {
  const served = servedSite('chart', seedDb);
  const pageErrors: string[][] = [];

  async function open(path: string): Promise<Page> {
    const { page, errors } = await served.openPage();
    pageErrors.push(errors);
    await page.goto(served.url(path));
    await page.waitForSelector('sunshine-price-chart[data-chart-ready="1"]');
    return page;
  }

  it('has a time scale, step lines for the platform and each retailer, and the purchases as points', async () => {
    const page = await open('/products/SKU-HP-M202DW/');
    const f = (await page.evaluate(chartFacts))!;
    expect(f.xType).toBe('time');
    const lines = f.datasets.filter((d: { type: string }) => d.type === 'line');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((d: { stepped: unknown }) => d.stepped === 'before')).toBe(true);
    const points = f.datasets.find((d: { type: string }) => d.type === 'scatter');
    expect(points?.n).toBeGreaterThanOrEqual(2);
    expect(f.window).toBeNull();
    await page.close();
  });

  it('the range buttons move the start of the time axis', async () => {
    const page = await open('/products/SKU-HP-M202DW/');
    const all = (await page.evaluate(chartFacts))!;
    await page.click('button[data-range="90"]');
    const three = (await page.evaluate(chartFacts))!;
    // The last 3 months end where "all" ends (the newest day, plus a day of margin).
    expect(three.xMax).toBe(all.xMax);
    expect(Math.round((three.xMax - three.xMin) / 86_400_000)).toBe(91);
    await page.click('button[data-range="all"]');
    expect((await page.evaluate(chartFacts))!.xMin).toBe(all.xMin);
    await page.close();
  });

  it('opened from a purchase, the reference window of that purchase is shaded (±14 days)', async () => {
    const { page: order } = await served.openPage();
    await order.goto(served.url('/orders/ES2018071400005/'));
    const href = await order.locator('a[href^="/products/SKU-HP-M202DW/?order="]').first().getAttribute('href');
    await order.close();
    expect(href).toBe('/products/SKU-HP-M202DW/?order=ES2018071400005#history');
    const page = await open(href!);
    const w = (await page.evaluate(chartFacts))!.window;
    expect((w.xMax - w.xMin) / 86_400_000).toBe(28);
    await page.close();
  });

  it('prints the numbers: the folded table opens on paper, the evidence links print their address', async () => {
    const page = await open('/products/SKU-HP-M202DW/');
    await expect(page.locator('[data-chart-table] table').isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('[data-chart-table] table').isVisible()).resolves.toBe(true);
    await page.goto(served.url('/orders/ES2018071400005/'));
    const after = await page.locator('a.evidence-link').first().evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('https://product.suning.com/');
    await page.close();
  });

  it('offers the same numbers as CSV, and logs no errors', async () => {
    const res = await fetch(served.url('/products/SKU-HP-M202DW/history.csv'));
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('day,series,price_yuan,price_fen');
    expect(text).toContain('平台挂牌价');
    expect(pageErrors.flat()).toEqual([]);
  });
});
