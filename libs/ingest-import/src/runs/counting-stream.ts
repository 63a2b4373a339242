import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

import type { Readable } from 'node:stream';

/** A file stream that counts the bytes read from disk, for progress and resume offsets. */
export interface CountedFile {
  stream: Readable;
  bytesRead(): number;
}

/** Opens a file for reading and counts what passes through. */
export function openCountedFile(path: string): CountedFile {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  file.on('error', (error) => counter.destroy(error));
  return { stream: file.pipe(counter), bytesRead: () => bytes };
}
