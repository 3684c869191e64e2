import { describe, expect, it } from 'vitest';
import { isFileLine } from '../../src/site/integrations/build-log.ts';

// Astro's own wording of the per-file lines (astro/dist/core/build/generate.js), with and without colour.
const info = (label: string | null, message: string) => ({ label, level: 'info' as const, message });

describe('build log', () => {
  it('drops the two lines Astro writes per file', () => {
    expect(isFileLine(info(null, '  ├─ /orders/ES2019/index.html'))).toBe(true);
    expect(isFileLine(info(null, '  \u001b[34m├─\u001b[39m \u001b[2m/products/SKU-1/feed.xml\u001b[22m'))).toBe(true);
    expect(isFileLine(info('SKIP_FORMAT', ' (+2ms) '))).toBe(true);
    expect(isFileLine(info('SKIP_FORMAT', ' \u001b[31m(+1.20s)\u001b[39m '))).toBe(true);
    expect(isFileLine(info('SKIP_FORMAT', ' (cached)'))).toBe(true);
  });

  it('keeps everything else: timings the bench reads, empty responses, warnings, integrations', () => {
    expect(isFileLine(info(null, '\u001b[32m✓ Completed in 38.38s.\u001b[39m'))).toBe(false);
    expect(isFileLine(info('SKIP_FORMAT', ' (+2ms) (file not created, response body was empty)'))).toBe(false);
    expect(isFileLine(info('SKIP_FORMAT', '\n prerendering static routes '))).toBe(false);
    expect(isFileLine(info('sunshine-incremental', '  ├─ /orders/x'))).toBe(false);
    expect(isFileLine({ label: null, level: 'warn', message: '  ├─ /orders/x' })).toBe(false);
  });
});
