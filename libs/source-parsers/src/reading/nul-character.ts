/**
 * Finds the first string (value or key) containing U+0000 and returns its JSON path. PostgreSQL's
 * JSONB cannot store `\u0000`, so such a record must be rejected before it reaches the database.
 */
export function findNulCharacter(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulCharacter(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;

  for (const [key, entry] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.<key>`;
    const found = findNulCharacter(entry, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
