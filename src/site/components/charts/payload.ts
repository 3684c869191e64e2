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

export interface PriceHistoryPayload {
  labels: string[];
  series: { label: string; values: (number | null)[]; display: (string | null)[] }[];
}
