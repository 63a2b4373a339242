/**
 * Lists the keys of the top-level JSON object found in the first bytes of a document, without
 * parsing the rest. Reading stops at the end of the text, so a cut head still gives its first keys.
 */
export function topLevelKeys(head: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let index = 0;

  while (index < head.length) {
    const char = head[index];
    if (char === '"') {
      const end = stringEnd(head, index);
      if (end === -1) break;
      if (depth === 1 && /^\s*:/.test(head.slice(end + 1, end + 20)))
        keys.push(JSON.parse(head.slice(index, end + 1)));
      index = end + 1;
      continue;
    }
    if (char === '{' || char === '[') depth += 1;
    if (char === '}' || char === ']') depth -= 1;
    index += 1;
  }
  return keys;
}

function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return -1;
}
