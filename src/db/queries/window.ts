/**
 * Detail pages are rendered in key order (getStaticPaths), a few at a time. Rather than a
 * handful of indexed lookups per page, a page's loader reads the data of the next pages in a
 * few range scans and keeps it until the window moves on. Two windows are kept, so a page
 * still rendering when the next window loads finds its data; a key outside both just loads
 * the window that starts at it, so lookups in any order stay correct, only slower.
 */
export function windowed<V>(load: (from: string) => Map<string, V>): (key: string) => V | undefined {
  let current = new Map<string, V>();
  let previous = new Map<string, V>();
  return (key) => {
    const hit = current.get(key) ?? previous.get(key);
    if (hit !== undefined) return hit;
    previous = current;
    current = load(key);
    return current.get(key);
  };
}

/** Hands each row of a range scan to the window entry it belongs to; rows outside it are ignored. */
export function assign<V, R>(window: Map<string, V>, rows: readonly R[], keyOf: (row: R) => string | null, put: (entry: V, row: R) => void): void {
  for (const row of rows) {
    const key = keyOf(row);
    const entry = key === null ? undefined : window.get(key);
    if (entry !== undefined) put(entry, row);
  }
}
