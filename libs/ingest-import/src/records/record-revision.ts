import type { Source } from '@atlas/contracts';

type Raw = Record<string, unknown>;

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Raw)[key];
  }
  return current;
}

/** Reads a timestamp given as ISO text (OpenAlex omits the zone: it is UTC) or epoch milliseconds. */
function toIso(value: unknown): string | null {
  let time = Number.NaN;
  if (typeof value === 'number') time = value;
  if (typeof value === 'string') {
    const zoned = /T[\d:.]+$/.test(value) ? `${value}Z` : value;
    time = Date.parse(zoned);
  }
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

const REVISION_FIELDS: Record<Source, ReadonlyArray<readonly string[]>> = {
  openalex: [['updated_date']],
  // `indexed` is when Crossref last built this copy of the record; `deposited` is older but always set.
  crossref: [
    ['indexed', 'date-time'],
    ['deposited', 'date-time'],
  ],
  hal: [['modifiedDate_tdate']],
  orcid: [
    ['last-modified-date', 'value'],
    ['history', 'last-modified-date', 'value'],
    ['person', 'last-modified-date', 'value'],
  ],
  arxiv: [['updated']],
};

/**
 * Returns when the source last revised this copy of a record, from the record's own fields, or
 * null when the copy states no such time (HAL OAI-PMH records, some ORCID documents).
 */
export function sourceRevisedAt(source: Source, raw: Raw): string | null {
  for (const path of REVISION_FIELDS[source]) {
    const revised = toIso(field(raw, ...path));
    if (revised) return revised;
  }
  return null;
}
