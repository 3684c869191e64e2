import { formatYuan } from './money.ts';

/**
 * Fill `{name}` placeholders of a rule text from its thresholds: *_fen as ¥, *_bp as an
 * unsigned percentage, anything else as the number. A missing value says so.
 */
export function fillThresholds(text: string, values: Record<string, number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) return '（未配置）';
    if (key.endsWith('_fen')) return formatYuan(v);
    if (key.endsWith('_bp')) return plainPct(v);
    return String(v);
  });
}

/** A threshold ratio as an unsigned percentage: 1000 bp → `10%`, 1250 bp → `12.5%`. */
export function plainPct(bp: number): string {
  return `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 1)}%`;
}
