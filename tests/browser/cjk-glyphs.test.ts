/**
 * Chinese must render as Chinese. Without a CJK font Chromium draws every Han character as the
 * same empty box (or nothing), and every other browser test still passes. This test draws
 * each distinct character of a page's <h1> with the heading's own computed font and asserts
 * that the characters leave ink and that different characters leave different ink: boxes are
 * all alike. A screenshot of the heading is written for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDb } from '../fixtures/seed-db.ts';
import { browserAvailability } from './harness.ts';
import { servedSite } from './served-site.ts';

const availability = browserAvailability();
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Runs in the page: one bitmap fingerprint per distinct Han character of the first <h1>. */
function glyphPrints(): { font: string; text: string; prints: Record<string, { ink: number; hash: string }> } {
  const h1 = document.querySelector('h1');
  if (!h1) throw new Error('no <h1> on the page');
  const style = getComputedStyle(h1);
  const font = `${style.fontWeight} 48px ${style.fontFamily}`;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const prints: Record<string, { ink: number; hash: string }> = {};
  for (const ch of new Set([...(h1.textContent ?? '')].filter((c) => /\p{Script=Han}/u.test(c)))) {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = font;
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'top';
    ctx.fillText(ch, 8, 8);
    const data = ctx.getImageData(0, 0, 64, 64).data;
    let ink = 0;
    let hash = 0;
    for (let i = 3; i < data.length; i += 4) {
      if (data[i]! > 0) ink++;
      hash = (Math.imul(hash, 31) + data[i]!) | 0;
    }
    prints[ch] = { ink, hash: hash.toString(16) };
  }
  return { font, text: h1.textContent ?? '', prints };
}

describe.skipIf(!availability.run)('Chinese headings render with real CJK glyphs', () => {
  // The production server, so the filtered lists (rendered on request) can be shown too.
  const served = servedSite('cjk', seedDb);

  for (const [name, pathname] of [['overview', '/'], ['agencies', '/agencies/'], ['methodology', '/methodology/']] as const) {
    it(`${name}: every Han character of the heading has its own glyph`, async () => {
      const { page } = await served.openPage();
      await page.goto(served.url(pathname));
      const { font, text, prints } = await page.evaluate(glyphPrints);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.locator('h1').first().screenshot({ path: path.join(SHOTS, `heading-${name}.png`) });
      await page.close();

      const chars = Object.keys(prints);
      expect(chars.length, `the heading "${text}" should hold at least two distinct Han characters`).toBeGreaterThanOrEqual(2);
      const blank = chars.filter((c) => prints[c]!.ink < 20);
      expect(blank, `characters drawn with no ink in ${font}`).toEqual([]);
      const distinct = new Set(chars.map((c) => prints[c]!.hash));
      // Boxes (the .notdef glyph) are identical for every character; real glyphs are not.
      expect(distinct.size, `"${text}" in ${font}: ${chars.length} characters but only ${distinct.size} distinct glyph(s): is a CJK font installed (fonts-noto-cjk)?`).toBe(chars.length);
    });
  }

  it('on a phone (375 px) every list row is a card and its gap is on screen', async () => {
    const { page } = await served.openPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(served.url('/orders/'));
    const gap = page.locator('.table-wrap tbody tr').first().locator('.gap-above, .gap-below, .no-ref').first();
    const box = (await gap.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });

  it('on a phone (375 px) the filtered list fits the screen: form, totals and each row with its gap', async () => {
    const { page } = await served.openPage();
    await page.setViewportSize({ width: 375, height: 800 });
    const res = await page.goto(served.url('/filter/orders/?sort=-amount'));
    expect(res?.status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const gap = page.locator('.table-wrap tbody tr').first().locator('.gap-above, .gap-below, .no-ref').first();
    const box = (await gap.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.close();
  });

  it('writes screenshots of the main pages, desktop and phone, to test-results/screenshots/', async () => {
    const pages = [['overview', '/'], ['orders', '/orders/'], ['orders-filtered', '/filter/orders/?year=2018&sort=-amount'], ['flags-filtered', '/filter/flags/?review=unreviewed'], ['order', '/orders/ES2018071400005/'], ['product', '/products/SKU-HP-M202DW/'], ['agency', '/agencies/AG001/'], ['flags', '/flags/'], ['data', '/data/']] as const;
    for (const [width, label] of [[1280, 'desktop'], [375, 'phone']] as const) {
      for (const [name, p] of pages) {
        const { page } = await served.openPage();
        await page.setViewportSize({ width, height: 900 });
        const res = await page.goto(served.url(p));
        expect(res?.status(), p).toBe(200);
        const file = path.join(SHOTS, `${name}-${label}.png`);
        await page.screenshot({ path: file, fullPage: false });
        expect(fs.statSync(file).size, file).toBeGreaterThan(5000);
        await page.close();
      }
    }
  });
});
