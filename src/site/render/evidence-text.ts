import { evidenceView, type Cell } from './evidence.ts';

/**
 * A flag's evidence as one line of plain text, the same labels and values the page shows, for
 * CSV downloads (DESIGN §8: readable columns, no JSON blobs). Internal links lose their targets
 * (the row names the order and ids already); an external evidence link keeps its address in
 * brackets, because "which retail observation" is the point of the evidence.
 */
export function evidenceText(rule: string, json: string): string {
  const view = evidenceView(rule, json);
  const cell = (c: Cell) => c.map((p) => (p.external && p.href && p.href !== p.text ? `${p.text}（${p.href}）` : p.text)).join('');
  const items = view.items.map((i) => `${i.label}：${cell(i.parts)}`);
  const tables = view.tables.map((tb) => {
    const rows = tb.rows.map((r) => r.map((c, k) => `${tb.columns[k]?.label ?? ''} ${cell(c)}`.trim()).join('，'));
    const foot = tb.foot ? [tb.foot.map(cell).join(' ')] : [];
    return `${tb.caption}：${[...rows, ...foot].join('；')}`;
  });
  return [...items, ...tables].join('；');
}
