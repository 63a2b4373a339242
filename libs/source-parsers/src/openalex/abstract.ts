/**
 * Rebuilds an abstract from OpenAlex's `abstract_inverted_index` (word → positions). OpenAlex stores
 * abstracts inverted for licensing reasons; placing each word at its positions restores the text.
 * Returns undefined when the index is missing or empty.
 */
export function rebuildAbstract(invertedIndex: unknown): string | undefined {
  if (typeof invertedIndex !== 'object' || invertedIndex === null) return undefined;

  const words: string[] = [];
  for (const [word, positions] of Object.entries(invertedIndex as Record<string, unknown>)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions) {
      if (Number.isInteger(position) && position >= 0 && position < 1_000_000) words[position] = word;
    }
  }
  const text = words.filter((word) => word !== undefined).join(' ');
  return text === '' ? undefined : text;
}
