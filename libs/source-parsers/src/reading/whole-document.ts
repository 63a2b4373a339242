/** Reads all chunks as UTF-8 text; returns undefined as soon as the text exceeds `maxBytes`. */
export async function readDocument(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    parts.push(chunk);
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}
