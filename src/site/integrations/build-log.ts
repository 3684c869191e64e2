import nodeDestination from 'astro/logger/node';
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';

/**
 * Astro's console log without its two lines per written file ("├─ /orders/…/index.html" then
 * "(+2ms)"): 94k lines at 20k orders, which the build wrote one by one to the nightly's pipe and
 * the nightly to its log (≈2 s of the build's main thread in a CPU profile). Everything else —
 * warnings, errors, the integrations' lines, the "✓ Completed in" timings the bench reads, and an
 * empty response's "file not created" — passes unchanged. `astro.config.mjs` names this file as
 * its `logger` entrypoint; `SUNSHINE_BUILD_LOG_PAGES=1` keeps the file lines (a slow page hunt).
 */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
const FILE_LINE = /^\s+[├└]─ \//;
const FILE_TIME = /^\s+\(\+[\d.]+m?s\)\s*$|^\s+\((cached|restored)\)\s*$/;

/** Whether an event is one of the per-file lines (pure, for the test). */
export function isFileLine(event: Pick<AstroLoggerMessage, 'label' | 'level' | 'message'>): boolean {
  if (event.level !== 'info') return false;
  const text = event.message.replace(SGR, '');
  if (event.label === null) return FILE_LINE.test(text);
  if (event.label === 'SKIP_FORMAT') return FILE_TIME.test(text);
  return false;
}

export default function buildLog(config?: Record<string, unknown>): AstroLoggerDestination {
  const inner = nodeDestination(config);
  if (process.env.SUNSHINE_BUILD_LOG_PAGES === '1') return inner;
  return {
    write(event) {
      if (!isFileLine(event)) inner.write(event);
    },
  };
}
