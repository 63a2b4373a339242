import { Writable } from 'node:stream';

import pino from 'pino';
import type { Logger } from 'pino';

/** Creates a pino logger that keeps its lines in memory, for assertions on retries. */
export function createCaptureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}
