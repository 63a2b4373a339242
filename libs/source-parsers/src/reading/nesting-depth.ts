/**
 * Maximum nesting of arrays and objects in one record. Real records nest fewer than 15 levels; a
 * record nested thousands of levels deep would exhaust the call stack of the recursive steps after
 * parsing (serializing, the NUL check, the checksum), which JSON.parse itself survives.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Checks whether a parsed value nests arrays and objects deeper than `limit` levels. Walks the
 * value with an explicit stack instead of recursion, so the check itself cannot overflow.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
