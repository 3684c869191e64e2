/**
 * HTML built as strings, for the few places where Astro's per-expression rendering is too
 * slow: the rows of long tables (a product's purchases, a chart's data table, order lists),
 * rendered on tens of thousands of pages. Every interpolated value is escaped unless it is
 * already `Html` built here, so source text (agency and supplier names, product titles) stays
 * text exactly as Astro would render it. The result is passed to Astro with `set:html`.
 */
export class Html {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;
// A separate non-global pattern for the test: a /g pattern's .test() moves its lastIndex.
const HAS_SPECIAL = /[&<>"']/;

/** The same five characters Astro escapes, with the same entities. */
export function escapeHtml(text: string): string {
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ENTITIES[c]!) : text;
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function piece(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.html;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeHtml(String(v));
}

/** `html\`<td>${name}</td>\`` with `name` escaped; nulls, undefined and false render nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** An attribute that is left out when its value is null or undefined (as Astro does). */
export function attr(name: string, value: string | null | undefined): Html {
  return new Html(value === null || value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);
}
