import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Bytes read from the end of a log file; a failing service writes its fatal line last. */
const TAIL_BYTES = 64 * 1024;
/** pino's numeric level of `error`; `fatal` is 60. */
const PINO_ERROR_LEVEL = 50;

function readTail(file: string): string {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = statSync(file).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Returns the message of the last pino line at level error or above in `file`, with the error's own
 * message when the line carries one, or undefined when there is none.
 */
export function lastFailureMessage(file: string): string | undefined {
  const lines = readTail(file).split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (typeof entry.level !== 'number' || entry.level < PINO_ERROR_LEVEL) continue;
    const message = typeof entry.msg === 'string' ? entry.msg : '';
    const cause = typeof entry.err?.message === 'string' ? entry.err.message : '';
    if (cause && !message.includes(cause)) return message ? `${message}: ${cause}` : cause;
    return message || undefined;
  }
  return undefined;
}
