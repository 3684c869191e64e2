import { describe, expect, it } from 'vitest';
import { windowed } from '../../src/db/queries/window.ts';

// A table of 1,000 keys; each load records which keys it read.
const TABLE = Array.from({ length: 1000 }, (_, i) => `k${String(i).padStart(4, '0')}`);

function loader(batch: number) {
  const loads: string[][] = [];
  const w = windowed(
    (keys) => {
      loads.push([...keys]);
      return new Map(keys.filter((k) => TABLE.includes(k)).map((k) => [k, `v-${k}`]));
    },
    (from, n) => TABLE.filter((k) => k >= from).slice(0, n),
    batch,
  );
  return { w, loads };
}

describe('windowed', () => {
  it('without a plan reads the table a window at a time and answers every key', () => {
    const { w, loads } = loader(100);
    for (const k of TABLE) expect(w(k)).toBe(`v-${k}`);
    expect(loads).toHaveLength(10);
    expect(w('nope')).toBeUndefined();
  });

  it('with a plan reads only the planned keys, a window at a time, for scattered pages', () => {
    const { w, loads } = loader(100);
    const planned = TABLE.filter((_, i) => i % 37 === 0); // 28 scattered keys
    w.plan(planned);
    for (const k of planned) expect(w(k)).toBe(`v-${k}`);
    expect(loads).toEqual([planned]);
    // A key outside the plan is still answered, from a table window.
    expect(w('k0500')).toBe('v-k0500');
    expect(loads.at(-1)![0]).toBe('k0500');
  });

  it('keeps the previous window for pages still rendering when the next one loads', () => {
    const { w, loads } = loader(10);
    w.plan(TABLE.slice(0, 30));
    w('k0000');
    w('k0010'); // second window
    expect(w('k0005')).toBe('v-k0005');
    expect(loads).toHaveLength(2);
  });
});
