/**
 * Server-side helpers shared by the chart components: the data each chart ships to the
 * browser, serialised so that it cannot break out of its `<script type="application/json">`.
 */

/**
 * JSON for an inline script element. The HTML parser ends a script at `</script` and treats
 * `<!--` specially whatever the type, and supplier names are source text (they may contain
 * `</script><script>…`); `\u003c` is the same string to JSON.parse but invisible to the
 * HTML parser. `>` and `&` are escaped too for parsers that are stricter than browsers, and
 * U+2028/2029 because older JavaScript engines choke on them in string literals.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Fen → yuan as a number, for chart axes only (display; every stored amount stays in fen). */
export function fenToYuanNumber(fen: number): number {
  return fen / 100;
}

export interface MonthlySpendPayload {
  labels: string[];
  values: number[];
  display: string[];
}

/** A day as a chart timestamp: noon UTC, so the day stays the same day in any reader's time zone. */
export const dayMs = (day: string): number => Date.parse(`${day.slice(0, 10)}T12:00:00Z`);

export interface PriceHistoryPayload {
  /** One stepped line per series: a price holds until the next, extended to the newest day. */
  series: { label: string; points: { x: number; y: number; text: string }[] }[];
  /** Every purchase of the product, at its day and unit price. */
  purchases: { x: number; y: number; order: string; text: string }[];
  /** The reference window (±days of the gap rule) of each purchase, to shade on request. */
  windowDays: number;
  /** The newest day of any series or purchase (the right end of every range). */
  lastX: number;
}

/**
 * The chart's data from the price history and the purchases: steps for the platform and each
 * retailer (the last price carried to the newest day so every line reaches it), purchases as
 * points with what a reader asks of them (date, agency, unit price, gap). Pure, deterministic.
 */
export function priceHistoryPayload(
  series: { label: string; points: { day: string; price_fen: number }[] }[],
  purchases: { order_no: string; day: string; agency: string; unit_price_fen: number; gapText: string }[],
  windowDays: number,
  yuanText: (fen: number) => string,
): PriceHistoryPayload {
  const days = [...series.flatMap((s) => s.points.map((p) => p.day)), ...purchases.map((p) => p.day)].sort();
  const lastDay = days[days.length - 1] ?? '1970-01-01';
  const steps = series.map((s) => {
    const byDay = new Map<string, number>();
    // One price per day; when a series repeats a day, the lowest is the one a buyer could have had.
    for (const p of s.points) byDay.set(p.day, Math.min(p.price_fen, byDay.get(p.day) ?? Number.POSITIVE_INFINITY));
    const points = [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, fen]) => ({ x: dayMs(day), y: fenToYuanNumber(fen), text: `${day} ${yuanText(fen)}` }));
    const last = points[points.length - 1];
    if (last && last.x < dayMs(lastDay)) points.push({ ...last, x: dayMs(lastDay) });
    return { label: s.label, points };
  });
  return {
    series: steps,
    purchases: purchases.map((p) => ({
      x: dayMs(p.day), y: fenToYuanNumber(p.unit_price_fen), order: p.order_no,
      text: `${p.day} ${p.agency} 成交单价 ${yuanText(p.unit_price_fen)} ${p.gapText}`,
    })),
    windowDays,
    lastX: dayMs(lastDay),
  };
}
