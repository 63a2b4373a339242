import { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';

import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';

import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { RecordUnit } from '../model/record-unit';
import { readLines } from './lines';
import type { FoundUnit, ReaderContext } from './read-types';
import { classifyJsonRecord } from './record-kinds';
import { readDocument } from './whole-document';

/** Reads JSON Lines: one record per line, each line parsed on its own so a bad line costs only itself. */
export async function* readJsonLines(
  chunks: AsyncIterable<Buffer>,
  context: ReaderContext,
): AsyncGenerator<FoundUnit> {
  for await (const line of readLines(chunks, context.maxRecordBytes)) {
    const location = { file: context.file, line: line.number };
    if (line.tooLong) {
      yield rejected(
        RejectionCode.tooLarge,
        `line of ${line.bytes} bytes exceeds the limit of ${context.maxRecordBytes}`,
        location,
      );
      continue;
    }
    if (line.invalidUtf8At !== undefined) {
      const reason = `line ${line.number} is not valid UTF-8 at byte ${line.invalidUtf8At} of the line; re-export the file as UTF-8`;
      yield rejected(RejectionCode.invalidUtf8, reason, location);
      continue;
    }
    if (line.text.trim() === '') continue;

    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      yield rejected(RejectionCode.malformedJson, `invalid JSON: ${(error as Error).message}`, location);
      continue;
    }
    yield { kind: 'unit', unit: unitOrUnknown(value), location, bytes: line.bytes };
  }
}

/**
 * Streams the records of the JSON array at `path` with stream-json, so only one record is held in
 * memory at a time. The path is dot-separated, and empty for a top-level array. When reading or
 * parsing fails, the stages after the failed one are ended rather than destroyed. So every record
 * completed before the failure is still yielded, and the failure is thrown afterwards.
 */
export async function* readJsonArray(
  chunks: AsyncIterable<Buffer>,
  context: ReaderContext,
  path: string,
  toUnit: (value: unknown) => RecordUnit = unitOrUnknown,
): AsyncGenerator<FoundUnit> {
  const stages: Duplex[] =
    path === '' ? [parser(), streamArray()] : [parser(), pick({ filter: path }), streamArray()];
  const streams: (Readable | Duplex)[] = [Readable.from(chunks), ...stages];
  let failure: unknown;
  for (let index = 1; index < streams.length; index += 1) streams[index - 1]?.pipe(streams[index] as Duplex);
  for (let index = 0; index < streams.length - 1; index += 1) {
    const next = streams[index + 1] as Duplex;
    streams[index]?.on('error', (error) => {
      failure ??= error;
      next.end();
    });
  }

  const items = stages.at(-1) as unknown as AsyncIterable<{ key: number; value: unknown }>;
  try {
    for await (const { key, value } of items) {
      yield { kind: 'unit', unit: toUnit(value), location: { file: context.file, index: key } };
    }
  } finally {
    // Closes the input when the consumer stops early or a stage failed.
    for (const stream of streams) stream.destroy();
  }
  if (failure) throw failure;
}

/** Reads a JSON document whole (bounded by the record limit) and splits it into records. */
export async function* readJsonDocument(
  chunks: AsyncIterable<Buffer>,
  context: ReaderContext,
  toUnits: (document: Record<string, unknown>) => RecordUnit[],
): AsyncGenerator<FoundUnit> {
  const text = await readDocument(chunks, context.maxRecordBytes);
  const location = { file: context.file };
  if (text === undefined) {
    yield rejected(
      RejectionCode.tooLarge,
      `document exceeds the limit of ${context.maxRecordBytes} bytes`,
      location,
    );
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    yield rejected(RejectionCode.malformedJson, `invalid JSON: ${(error as Error).message}`, location);
    return;
  }
  const units =
    typeof document === 'object' && document !== null && !Array.isArray(document)
      ? toUnits(document as Record<string, unknown>)
      : [];
  for (const [index, unit] of units.entries()) {
    yield { kind: 'unit', unit, location: units.length > 1 ? { ...location, index } : location };
  }
}

/** Wraps a JSON record in a unit; a record of unknown shape gets a parser that rejects it. */
export function unitOrUnknown(value: unknown): RecordUnit {
  const unit = classifyJsonRecord(value as Record<string, unknown>);
  if (unit) return unit;
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
  return { raw, parse: () => parseFailure(RejectionCode.unknownRecord, 'record of no known source shape') };
}

function rejected(code: RejectionCode, reason: string, location: FoundUnit['location']): FoundUnit {
  return { kind: 'rejected', code, reason, location };
}
