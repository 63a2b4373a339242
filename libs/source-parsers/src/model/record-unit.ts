import type { ParseOutcome } from './parse-outcome';

/** One source record found in a document or line, with the parser that maps it. */
export interface RecordUnit {
  /** Record exactly as the source gives it (the payload of a capture line, without its wrapper). */
  raw: Record<string, unknown>;
  /** Maps the record; parsers return failures instead of throwing, and the reader catches the rest. */
  parse: () => ParseOutcome;
  /** Time the record was fetched, when the file states it (capture lines). */
  fetchedAt?: string;
}
