import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Decompressed bytes of one input, with the first bytes available before the rest is read. */
export interface ChunkSource {
  /** First bytes of the content (after gunzip), at most the requested head size. */
  head: Buffer;
  /** Flag set when the input was gzip-compressed. */
  gzip: boolean;
  /** All content chunks, starting with the head; throws what reading or gunzip throws. */
  chunks: AsyncIterable<Buffer>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Opens a file path or stream, gunzips it when its first bytes are the gzip magic number (whatever
 * the file name claims) and buffers the first `headBytes` of content for format sniffing.
 */
export async function openChunkSource(input: string | Readable, headBytes: number): Promise<ChunkSource> {
  const raw = typeof input === 'string' ? createReadStream(input) : input;
  const rawChunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await rawChunks.next();
  const firstChunk = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  const gzip = firstChunk[0] === GZIP_MAGIC[0] && firstChunk[1] === GZIP_MAGIC[1];

  const rawRest = replay([firstChunk], first.done ? undefined : rawChunks);
  const content = gzip ? gunzipped(rawRest) : rawRest;
  const iterator = content[Symbol.asyncIterator]();

  const buffered: Buffer[] = [];
  let size = 0;
  let exhausted = false;
  while (size < headBytes) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(buffered).subarray(0, headBytes);
  return { head, gzip, chunks: replay(buffered, exhausted ? undefined : iterator) };
}

async function* replay(buffered: Buffer[], rest: AsyncIterator<Buffer> | undefined): AsyncGenerator<Buffer> {
  for (const chunk of buffered) if (chunk.length > 0) yield chunk;
  if (!rest) return;
  try {
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  } finally {
    // Lets the underlying file stream close when reading stops before the end.
    await rest.return?.();
  }
}

function gunzipped(compressed: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  // pipeline() destroys both streams on error, so a truncated file surfaces as an error of the loop.
  return pipeline(Readable.from(compressed), createGunzip(), () => undefined);
}
