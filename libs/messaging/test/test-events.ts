import { Writable } from 'node:stream';

import pino from 'pino';
import Type from 'typebox';

import { defineEvent } from '@atlas/contracts';

import type { Logger } from 'pino';

/** A work confirmation event, large enough to test payloads with many authors. */
export const WorkConfirmedEvent = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'confirmed',
  version: 1,
  public: false,
  schema: Type.Object({
    workId: Type.String({ minLength: 1 }),
    title: Type.String(),
    authors: Type.Array(
      Type.Object({
        position: Type.Integer({ minimum: 0 }),
        name: Type.String(),
        affiliation: Type.String(),
      }),
    ),
  }),
});

/** Builds a work with `count` authors; 2,134 authors weigh about 1.8 MB as JSON. */
export function workWithAuthors(workId: string, count: number) {
  return {
    workId,
    title: 'Observation of a new particle in the search for the Standard Model Higgs boson',
    authors: Array.from({ length: count }, (_, position) => ({
      position,
      name: `Author ${position} ${'Lastname-'.repeat(40)}`,
      affiliation: `Laboratory ${position % 180}, ${'University of Somewhere, Department of Physics, '.repeat(9)}`,
    })),
  };
}

/** Creates a pino logger that keeps its JSON lines in memory for assertions. */
export function captureLogs(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const log = pino({ level: 'debug' }, stream);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines };
}
