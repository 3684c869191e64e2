/**
 * How deep a parsed JSON value nests, measured without recursion (DESIGN §3 Limits).
 * JSON.parse itself copes with 20,000 nested arrays, but everything after it that walks a
 * record recursively (validation, canonical hashing, JSON.stringify) overflows the stack, so
 * a record deeper than MAX_RECORD_DEPTH is rejected before any of that sees it.
 */

export const MAX_RECORD_DEPTH = 32;

/** True when `value` nests more than `max` levels of arrays/objects (the record itself is level 1). */
export function nestsDeeperThan(value: unknown, max = MAX_RECORD_DEPTH): boolean {
  // An explicit stack of [value, depth]; it stops at the first branch past the limit.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (typeof c === 'object' && c !== null) stack.push([c, depth + 1]);
  }
  return false;
}
