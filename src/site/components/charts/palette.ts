/**
 * How the series of a chart differ. Colours are the Okabe–Ito palette (distinguishable with
 * the common colour-vision deficiencies) and never carry meaning alone: each series also has
 * its own line dash and point shape, and the legend names it (UI.md: not red/green alone).
 * The first entry is the platform price; the rest are retailers in the order given.
 */
export interface SeriesStyle {
  color: string;
  dash: number[];
  point: 'circle' | 'triangle' | 'rect' | 'rectRot' | 'crossRot' | 'star' | 'cross';
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: '#0072B2', dash: [], point: 'circle' },
  { color: '#D55E00', dash: [6, 4], point: 'triangle' },
  { color: '#009E73', dash: [2, 3], point: 'rect' },
  { color: '#CC79A7', dash: [10, 3, 2, 3], point: 'rectRot' },
  { color: '#E69F00', dash: [4, 2], point: 'crossRot' },
  { color: '#56B4E9', dash: [1, 2], point: 'star' },
  { color: '#000000', dash: [8, 2], point: 'cross' },
];

export function seriesStyle(i: number): SeriesStyle {
  return SERIES_STYLES[i % SERIES_STYLES.length]!;
}

/** The bar colour of single-series charts: dark enough for 3:1 against white (WCAG 1.4.11). */
export const BAR_COLOR = '#0072B2';
