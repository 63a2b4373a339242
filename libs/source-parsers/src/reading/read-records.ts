import type { Readable } from 'node:stream';

import { RejectionCode } from '../model/parse-outcome';
import type { ChunkSource } from './chunk-source';
import { openChunkSource } from './chunk-source';
import type { SourceFormat } from './formats';
import { familyFromName, formatFamily } from './formats';
import { FORMAT_READERS } from './format-readers';
import type { ReadItem, ReadOptions, ReaderContext, RejectedItem } from './read-types';
import { toReadItem } from './to-read-item';
import { sniffFormat } from './sniff-format';

/** Default maximum size of one record: 4 MiB, above the largest real work (about 1.8 MB). */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** Default maximum size of a document read whole (XML feeds, ORCID documents). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

/**
 * Reads the records of one file or stream, gzip-compressed or not, in any supported format (detected
 * from the content unless `options.format` names it). Yields each record mapped to the unified model,
 * or a rejection naming the file, line or index and the reason. Errors of the input (a broken line,
 * record or file, a failed read) become rejections instead of exceptions, and reading goes on where
 * it can.
 */
export async function* readRecords(
  input: string | Readable,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const file = typeof input === 'string' ? input : (options.fileName ?? '<stream>');
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;

  let source: ChunkSource;
  try {
    source = await openChunkSource(input, HEAD_BYTES);
  } catch (error) {
    yield readFailure(file, error);
    return;
  }

  const head = source.head.toString('utf8');
  const format = options.format ?? sniffFormat(source.head, source.head.length < HEAD_BYTES);
  const problem = formatProblem(file, format, options.format !== undefined);
  if (problem || !format) {
    yield problem ?? unknownFormat(file, head);
    return;
  }

  const context: ReaderContext = {
    file,
    head,
    maxRecordBytes,
    maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
  };
  try {
    for await (const found of FORMAT_READERS[format](source.chunks, context)) {
      yield found.kind === 'rejected' ? found : toReadItem(found, format, maxRecordBytes);
    }
  } catch (error) {
    yield readFailure(file, error);
  }
}

/** Rejects a file whose content is of another family than its name claims (`.json` holding XML). */
function formatProblem(
  file: string,
  format: SourceFormat | undefined,
  explicit: boolean,
): RejectedItem | undefined {
  const claimed = familyFromName(file);
  if (!format || explicit || !claimed || claimed === formatFamily(format)) return undefined;
  const reason = `file name says ${claimed.toUpperCase()} but the content is ${formatFamily(format).toUpperCase()} (${format}); not read`;
  return { kind: 'rejected', code: RejectionCode.nameMismatch, reason, location: { file } };
}

function unknownFormat(file: string, head: string): RejectedItem {
  const start = JSON.stringify(head.slice(0, 40).replace(/[^\x20-\x7e]/g, '?'));
  const reason = `unknown format: content is none of the supported source formats (starts with ${start})`;
  return { kind: 'rejected', code: RejectionCode.unknownFormat, reason, location: { file } };
}

/** Maps an error of reading, gunzip or stream parsing to a rejection of the rest of the file. */
function readFailure(file: string, error: unknown): RejectedItem {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(message ?? '')) {
    const reason = `gzip data is truncated or corrupt (${message ?? code}); records before the damage were read`;
    return { kind: 'rejected', code: RejectionCode.truncatedGzip, reason, location: { file } };
  }
  if (/parse|unexpected|JSON/i.test(message ?? '') && code === undefined) {
    return {
      kind: 'rejected',
      code: RejectionCode.malformedJson,
      reason: `invalid JSON: ${message}`,
      location: { file },
    };
  }
  return {
    kind: 'rejected',
    code: RejectionCode.readFailed,
    reason: `reading failed: ${message ?? String(error)}`,
    location: { file },
  };
}
