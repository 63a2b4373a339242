import { isUtf8 } from 'node:buffer';

import { firstInvalidUtf8Offset } from './utf8';

/** One line of a text file, or a marker for a line that exceeded the size limit. */
export interface TextLine {
  /** Line number, starting at 1. */
  number: number;
  /** Line text without its line break; empty when `tooLong` is set. */
  text: string;
  /** Size of the line in bytes. */
  bytes: number;
  /** Flag set when the line was longer than the limit; its content was discarded while reading. */
  tooLong: boolean;
  /** Offset in the line of the first byte that is not valid UTF-8; `text` is empty when set. */
  invalidUtf8At?: number;
}

const NEWLINE = 0x0a;

/**
 * Splits chunks into lines with bounded memory: a line longer than `maxBytes` is not kept, only
 * counted, so a file with no line breaks cannot exhaust memory.
 */
export async function* readLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<TextLine> {
  let parts: Buffer[] = [];
  let bytes = 0;
  let number = 0;

  for await (const chunk of chunks) {
    let start = 0;
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, index);
      number += 1;
      yield finish(number, bytes <= maxBytes ? [...parts, piece] : [], bytes + piece.length, maxBytes);
      parts = [];
      bytes = 0;
      start = index + 1;
    }
    const rest = chunk.subarray(start);
    bytes += rest.length;
    if (bytes <= maxBytes) parts.push(rest);
    else parts = [];
  }
  if (bytes > 0) yield finish(number + 1, parts, bytes, maxBytes);
}

function finish(number: number, parts: Buffer[], bytes: number, maxBytes: number): TextLine {
  if (bytes > maxBytes) return { number, text: '', bytes, tooLong: true };
  const content = Buffer.concat(parts);
  if (!isUtf8(content)) {
    return { number, text: '', bytes, tooLong: false, invalidUtf8At: firstInvalidUtf8Offset(content) ?? 0 };
  }
  return { number, text: content.toString('utf8').replace(/\r$/, ''), bytes, tooLong: false };
}
