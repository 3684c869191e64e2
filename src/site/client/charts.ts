/**
 * Browser-side pieces shared by the chart islands. Each island is a custom element holding a
 * `<script type="application/json">` with its data, a canvas, and a `<details open>` with the
 * same numbers as a table; the table is what readers without JavaScript (and printers, and
 * screen readers) get, and stays reachable when the chart draws.
 */

export function readPayload<T>(host: HTMLElement): T | null {
  const script = host.querySelector('script[type="application/json"]');
  if (!script?.textContent) return null;
  try {
    return JSON.parse(script.textContent) as T;
  } catch {
    return null;
  }
}

const axisFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** Axis ticks in whole yuan ("¥1,730"); the exact fen-derived figures are in tooltips and the table. */
export function yuanTick(value: number | string): string {
  return `¥${axisFormat.format(Number(value))}`;
}

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** After a successful draw: fold the data table (it stays one click away) and mark the element for tests. */
export function markDrawn(host: HTMLElement): void {
  host.querySelector('details[data-chart-table]')?.removeAttribute('open');
  host.dataset.chartReady = '1';
}

export const FONT_FAMILY = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
