import { t } from '../../i18n/zh-CN.ts';
import { formatSignedYuan } from '../format/money.ts';
import { formatBp } from '../format/percent.ts';
import { Html, html } from './html.ts';

/**
 * A price gap with its sign AND a word (高于/低于零售价), never colour alone (UI.md).
 * `bp` null means there was no reference: say so, never show a zero gap. A string builder
 * rather than only a component because it sits in every row of long tables.
 */
export function gapHtml(fen: number | null, bp: number | null, words = true): Html {
  if (bp === null) return html`<span class="no-ref">${t.gap.noRef}</span>`;
  const dir = bp > 0 || (bp === 0 && (fen ?? 0) > 0) ? 'above' : bp < 0 || (fen ?? 0) < 0 ? 'below' : 'equal';
  const word = dir === 'above' ? t.gap.above : dir === 'below' ? t.gap.below : t.gap.equal;
  const cls = dir === 'above' ? ' class="gap-above"' : dir === 'below' ? ' class="gap-below"' : '';
  const text = `${dir === 'above' ? '▲ ' : dir === 'below' ? '▼ ' : ''}${fen !== null ? `${formatSignedYuan(fen)} ` : ''}${formatBp(bp, fen ?? bp)}`;
  return html`<span${new Html(cls)}>${text}${words ? html`<span class="gap-word">${` ${word}`}</span>` : ''}</span>`;
}
