import { describe, expect, it } from 'vitest';
import { attr, escapeHtml, html, Html } from '../../src/site/render/html.ts';
import { gapHtml } from '../../src/site/render/gap-html.ts';

describe('html strings', () => {
  it('escapes the five special characters the way Astro does', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    // The check must not keep state between calls (a /g pattern's test() would).
    expect([escapeHtml('a<b'), escapeHtml('c<d'), escapeHtml('e<f')]).toEqual(['a&lt;b', 'c&lt;d', 'e&lt;f']);
    expect(escapeHtml('示例单位')).toBe('示例单位');
  });

  it('escapes interpolated source text but not nested html, and drops null, undefined and false', () => {
    const name = '<img src=x onerror=alert(1)>';
    const cell = html`<td>${name}</td>`;
    expect(cell.html).toBe('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html`<tr>${[cell, cell]}</tr>`.html).toBe(`<tr>${cell.html}${cell.html}</tr>`);
    expect(html`a${null}b${undefined}c${false}d${0}`.html).toBe('abcd0');
    expect(html`<a href="${'/x?a=1&b="2"'}">`.html).toBe('<a href="/x?a=1&amp;b=&quot;2&quot;">');
    expect(attr('rel', null).html).toBe('');
    expect(attr('title', 'a"b').html).toBe(' title="a&quot;b"');
    expect(new Html('<b>').toString()).toBe('<b>');
  });
});

describe('gapHtml', () => {
  it('says "no reference" rather than a zero gap', () => {
    expect(gapHtml(null, null).html).toBe('<span class="no-ref">无参考价</span>');
  });
  it('gives direction in symbol, class and words', () => {
    expect(gapHtml(450, 790).html).toBe('<span class="gap-above">▲ +¥4.50 +7.9%<span class="gap-word"> 高于零售价</span></span>');
    expect(gapHtml(-450, -790, false).html).toBe('<span class="gap-below">▼ −¥4.50 −7.9%</span>');
  });
});
