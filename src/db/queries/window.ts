/**
 * Detail pages are rendered in key order (getStaticPaths), a few at a time. Rather than a
 * handful of indexed lookups per page, a page's loader reads the data of the next pages in a
 * few queries over a window of keys and keeps it until the window moves on. Two windows are
 * kept, so a page still rendering when the next window loads finds its data.
 *
 * Which keys make a window: the next ones of the plan (`plan(keys)`: the pages about to render,
 * in render order) when the key is in it, else the next ones in the table (`next`). An
 * incremental night renders a few hundred scattered products; windows of the table's next keys
 * read ≈40k products' data for 318 pages (1.3 s of the quiet night's render), windows of
 * planned keys read those 318. Lookups in any order stay correct, only slower.
 */
export interface Windowed<V> {
  (key: string): V | undefined;
  /** The keys about to be read, in that order (replaces any earlier plan). */
  plan(keys: readonly string[]): void;
}

export function windowed<V>(
  load: (keys: readonly string[]) => Map<string, V>,
  next: (from: string, n: number) => string[],
  batch: number,
): Windowed<V> {
  let current = new Map<string, V>();
  let previous = new Map<string, V>();
  let planned: readonly string[] = [];
  let at = new Map<string, number>();
  const get = (key: string) => {
    const hit = current.get(key) ?? previous.get(key);
    if (hit !== undefined) return hit;
    const i = at.get(key);
    previous = current;
    current = load(i === undefined ? next(key, batch) : planned.slice(i, i + batch));
    return current.get(key);
  };
  return Object.assign(get, {
    plan(keys: readonly string[]) {
      planned = keys;
      at = new Map(keys.map((k, i) => [k, i]));
      current = new Map();
      previous = new Map();
    },
  });
}

/** Hands each row of a query to the window entry it belongs to; rows outside it are ignored. */
export function assign<V, R>(window: Map<string, V>, rows: readonly R[], keyOf: (row: R) => string | null, put: (entry: V, row: R) => void): void {
  for (const row of rows) {
    const key = keyOf(row);
    const entry = key === null ? undefined : window.get(key);
    if (entry !== undefined) put(entry, row);
  }
}
