import { describe, expect, it } from 'vitest';
import { lowRating } from '../../../src/domain/flags/low-rating.ts';
import { input, order, R, V } from './fixtures.ts';

const run = (rating: number | null) => lowRating(input({ orders: [order('O1', { rating, comment: '送货慢' })] }), R['low-rating'], V);

describe('low-rating (≤ 2 of 5)', () => {
  it('raises at 2 and below, not at 3 or without an evaluation', () => {
    expect(run(1)).toHaveLength(1);
    expect(run(2)).toHaveLength(1);
    expect(run(3)).toHaveLength(0);
    expect(run(null)).toHaveLength(0);
  });
  it('keeps the rating and comment as evidence', () => {
    expect(run(2)[0]?.evidence).toMatchObject({ rating: 2, scale: 5, comment: '送货慢', max_rating: 2 });
  });
});
