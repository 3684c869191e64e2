import { describe, expect, it } from 'vitest';
import { parseRenderSeconds } from '../../bench/_process.ts';

// The bench's render figure must count every file the build turns out of the database: Astro's
// prerendering, and the time it waited after it for the feeds, price CSVs and downloads.
describe('parseRenderSeconds', () => {
  const astro = (t: string) => `10:50:14 [vite] ✓ built in 265ms\n prerendering static routes \n10:50:24 ✓ Completed in ${t}.\n10:50:24 [build] ✓ Completed in 10.84s.\n`;
  const files = (s: string) => `10:50:25 [sunshine-subject-files] subject files: 17276 feeds and price CSVs, made and written in 3.10 s beside the render, waited ${s} s\n` +
    '10:50:26 [sunshine-downloads] downloads: 4 files, 60.1 MB, made in 2.10 s beside the render, waited 1.00 s\n';

  it('adds the wait for the subject files and the downloads to the prerendering phase', () => {
    expect(parseRenderSeconds(astro('9.64s') + files('4.92'))).toBeCloseTo(15.56, 5);
    expect(parseRenderSeconds(astro('640ms') + files('0.05'))).toBeCloseTo(1.69, 5);
    expect(parseRenderSeconds(astro('1.5m') + files('1.00'))).toBeCloseTo(92, 5);
  });

  it('takes the Completed line after prerendering, not the bundling before it', () => {
    const out = '[build] ✓ Completed in 131ms.\n' + astro('2.00s') + files('1.00');
    expect(parseRenderSeconds(out)).toBeCloseTo(4, 5);
  });

  it('leaves out the wait for the nightly versions step at the start of the prerendering', () => {
    const waited = '10:50:26 [sunshine-incremental] page versions: the render waited 2.50 s for the nightly\'s versions step\n';
    expect(parseRenderSeconds(astro('9.64s') + files('4.92') + waited)).toBeCloseTo(13.06, 5);
  });

  it('is NaN when either part is missing, rather than a render figure without the files', () => {
    expect(parseRenderSeconds(astro('9.64s'))).toBeNaN();
    expect(parseRenderSeconds(files('4.92'))).toBeNaN();
    expect(parseRenderSeconds(astro('9.64s') + files('4.92').split('\n')[0])).toBeNaN();
  });
});
