import type { PoolClient } from 'pg';

import { copyRows } from '../copy/copy-text';
import type { MaterialFingerprint } from './material-fingerprint';
import { STAGING_COLUMNS, stagingRow } from './staged-record';
import type { StagedRecord } from './staged-record';

/** Lock key that serialises merges, so two imports never race on the latest version of a record. */
export const MERGE_LOCK_KEY = 0x696e6765;

/** What the merge did with one staged record whose content differs from its latest version. */
export interface MergedRecord {
  ordinal: number;
  rawRecordId: string;
  /** Latest version before this one; absent for a record new to the system. */
  previousRawRecordId: string | null;
  /** True when the record is new, or back after the source had removed it. */
  isNew: boolean;
  version: number;
  previousMaterial: MaterialFingerprint | null;
}

const CREATE_STAGING = `
CREATE TEMP TABLE IF NOT EXISTS import_staging (
  ordinal integer NOT NULL,
  id uuid NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  entity_type text NOT NULL,
  data jsonb NOT NULL,
  fetched_at timestamptz NOT NULL,
  checksum text NOT NULL,
  doi text,
  material jsonb NOT NULL
) ON COMMIT DELETE ROWS`;

// One statement: compare with the latest versions, insert new content (a revert to an older
// version's content reuses that row, since (source, source_id, checksum) is unique), move the heads,
// and mark unchanged records as seen when the run is a complete snapshot of their source.
const MERGE = `
WITH incoming AS (
  SELECT s.*, h.raw_record_id AS head_id, h.checksum AS head_checksum,
         h.removed_at IS NOT NULL AS head_removed, h.version AS head_version, h.material AS head_material
  FROM pg_temp.import_staging s
  LEFT JOIN raw_record_heads h ON h.source = s.source AND h.source_id = s.source_id
),
changed AS (
  SELECT * FROM incoming WHERE head_id IS NULL OR head_checksum <> checksum OR head_removed
),
stored AS (
  INSERT INTO raw_records (id, source, source_id, entity_type, data, fetched_at, checksum)
  SELECT id, source, source_id, entity_type, data, fetched_at, checksum FROM changed
  ON CONFLICT (source, source_id, checksum) DO NOTHING
  RETURNING id
),
resolved AS (
  SELECT c.*, COALESCE(earlier.id, c.id) AS raw_id
  FROM changed c
  LEFT JOIN raw_records earlier
    ON earlier.source = c.source AND earlier.source_id = c.source_id AND earlier.checksum = c.checksum
),
heads AS (
  INSERT INTO raw_record_heads AS h
    (source, source_id, entity_type, raw_record_id, checksum, doi, material, version, removed_at, seen_run_id)
  SELECT source, source_id, entity_type, raw_id, checksum, doi, material, COALESCE(head_version, 0) + 1, NULL, $1
  FROM resolved
  ON CONFLICT (source, source_id) DO UPDATE SET
    entity_type = EXCLUDED.entity_type, raw_record_id = EXCLUDED.raw_record_id, checksum = EXCLUDED.checksum,
    doi = EXCLUDED.doi, material = EXCLUDED.material, version = EXCLUDED.version, removed_at = NULL,
    seen_run_id = EXCLUDED.seen_run_id, updated_at = now()
),
seen AS (
  UPDATE raw_record_heads h SET seen_run_id = $1
  FROM incoming i
  WHERE h.source = i.source AND h.source_id = i.source_id AND h.source = ANY($2::text[])
    AND i.head_id IS NOT NULL AND i.head_checksum = i.checksum AND NOT i.head_removed
)
SELECT ordinal, raw_id, head_id, (head_id IS NULL OR head_removed) AS is_new,
       COALESCE(head_version, 0) + 1 AS version, head_material
FROM resolved
ORDER BY ordinal`;

interface MergeRow {
  ordinal: number;
  raw_id: string;
  head_id: string | null;
  is_new: boolean;
  version: number;
  head_material: MaterialFingerprint | null;
}

/**
 * Copies a batch into the session's staging table and merges it into `raw_records` and
 * `raw_record_heads` inside the caller's transaction. Keys must be unique within the batch.
 * Returns the records whose content differs from their latest version; the others are unchanged.
 */
export async function mergeRecords(
  client: PoolClient,
  records: readonly StagedRecord[],
  runId: string,
  completeFor: readonly string[],
): Promise<MergedRecord[]> {
  await client.query(CREATE_STAGING);
  await copyRows(client, 'pg_temp.import_staging', STAGING_COLUMNS, rowsOf(records));
  await client.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
  const result = await client.query<MergeRow>(MERGE, [runId, completeFor]);
  // Emptied at commit anyway; emptied now too, so a bisecting retry in the same transaction starts clean.
  await client.query('TRUNCATE pg_temp.import_staging');
  return result.rows.map((row) => ({
    ordinal: row.ordinal,
    rawRecordId: row.raw_id,
    previousRawRecordId: row.head_id,
    isNew: row.is_new,
    version: row.version,
    previousMaterial: row.head_material,
  }));
}

function* rowsOf(records: readonly StagedRecord[]) {
  for (let ordinal = 0; ordinal < records.length; ordinal += 1) yield stagingRow(records[ordinal]!, ordinal);
}
