import type { Pool } from 'pg';

import type { RawRecord, Source } from '@atlas/contracts';

/** Maximum number of versions one lookup returns, as the reply schema allows. */
export const MAX_RAW_RECORDS = 200;

interface RawRecordRow {
  id: string;
  source: RawRecord['source'];
  source_id: string;
  entity_type: RawRecord['entityType'];
  data: unknown;
  fetched_at: Date;
  checksum: string;
  superseded: boolean;
}

// A version is superseded when the latest version of its source record is another row.
const SELECT_VERSION = `
SELECT r.id, r.source, r.source_id, r.entity_type, r.data, r.fetched_at, r.checksum,
       h.raw_record_id IS DISTINCT FROM r.id AS superseded
FROM raw_records r
LEFT JOIN raw_record_heads h ON h.source = r.source AND h.source_id = r.source_id`;

function toRawRecord(row: RawRecordRow): RawRecord {
  return {
    id: row.id,
    source: row.source,
    sourceId: row.source_id,
    entityType: row.entity_type,
    data: row.data,
    fetchedAt: row.fetched_at.toISOString(),
    checksum: row.checksum,
    superseded: row.superseded,
  };
}

/** Reads one stored version by raw record id, works and author or person records alike. */
export async function findRawRecordById(pool: Pool, id: string): Promise<RawRecord | undefined> {
  const found = await pool.query<RawRecordRow>(`${SELECT_VERSION} WHERE r.id = $1`, [id]);
  return found.rows[0] ? toRawRecord(found.rows[0]) : undefined;
}

/** Lists the versions of one source record, the latest first; only the latest one when `latestOnly`. */
export async function findRawRecordsBySourceId(
  pool: Pool,
  source: Source,
  sourceId: string,
  latestOnly: boolean,
): Promise<RawRecord[]> {
  const found = await pool.query<RawRecordRow>(
    `${SELECT_VERSION}
     WHERE r.source = $1 AND r.source_id = $2 AND (NOT $3 OR h.raw_record_id = r.id)
     ORDER BY superseded, r.fetched_at DESC, r.id DESC LIMIT $4`,
    [source, sourceId, latestOnly, MAX_RAW_RECORDS],
  );
  return found.rows.map(toRawRecord);
}

/**
 * Lists the records whose latest version carries a DOI (normalised, lower case): their latest versions,
 * or every version of them unless `latestOnly`, latest versions first.
 */
export async function findRawRecordsByDoi(
  pool: Pool,
  doi: string,
  latestOnly: boolean,
): Promise<RawRecord[]> {
  const found = await pool.query<RawRecordRow>(
    `SELECT r.id, r.source, r.source_id, r.entity_type, r.data, r.fetched_at, r.checksum,
            h.raw_record_id <> r.id AS superseded
     FROM raw_record_heads h
     JOIN raw_records r ON r.source = h.source AND r.source_id = h.source_id
     WHERE h.doi = $1 AND (NOT $2 OR r.id = h.raw_record_id)
     ORDER BY superseded, r.source, r.source_id, r.fetched_at DESC, r.id DESC LIMIT $3`,
    [doi.toLowerCase(), latestOnly, MAX_RAW_RECORDS],
  );
  return found.rows.map(toRawRecord);
}
