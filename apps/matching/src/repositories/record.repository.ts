import type { SqlExecutor } from '@atlas/database';
import type { RecordSummary } from '@atlas/matching-core';

/** A stored record: its summary and what was last published for it. */
export interface StoredRecord {
  summary: RecordSummary;
  removed: boolean;
  proposalsDigest: string | null;
  proposalVersion: number;
}

interface RecordRow {
  summary: RecordSummary;
  removed: boolean;
  proposals_digest: string | null;
  proposal_version: number;
}

function storedOf(row: RecordRow): StoredRecord {
  return {
    summary: row.summary,
    removed: row.removed,
    proposalsDigest: row.proposals_digest,
    proposalVersion: row.proposal_version,
  };
}

/** The stored record of a source id, locked until the transaction ends (FOR NO KEY UPDATE, as profiles are). */
export async function lockRecord(
  tx: SqlExecutor,
  source: string,
  sourceId: string,
): Promise<StoredRecord | undefined> {
  const found = await tx.query<RecordRow>(
    'SELECT summary, removed, proposals_digest, proposal_version FROM records WHERE source = $1 AND source_id = $2 FOR NO KEY UPDATE',
    [source, sourceId],
  );
  return found.rows[0] && storedOf(found.rows[0]);
}

/** Reads the stored record of a source id without locking it. */
export async function findRecord(
  tx: SqlExecutor,
  source: string,
  sourceId: string,
): Promise<StoredRecord | undefined> {
  const found = await tx.query<RecordRow>(
    'SELECT summary, removed, proposals_digest, proposal_version FROM records WHERE source = $1 AND source_id = $2',
    [source, sourceId],
  );
  return found.rows[0] && storedOf(found.rows[0]);
}

/** Stores the summary of a record's current version and replaces its look-up keys. */
export async function saveRecord(tx: SqlExecutor, summary: RecordSummary, keys: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO records (source, source_id, raw_record_id, checksum, summary)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (source, source_id) DO UPDATE SET raw_record_id = EXCLUDED.raw_record_id,
       checksum = EXCLUDED.checksum, summary = EXCLUDED.summary, removed = false, updated_at = now()`,
    [summary.source, summary.sourceId, summary.rawRecordId, summary.checksum, JSON.stringify(summary)],
  );
  await tx.query('DELETE FROM record_keys WHERE source = $1 AND source_id = $2', [
    summary.source,
    summary.sourceId,
  ]);
  await tx.query(
    `INSERT INTO record_keys (lookup_key, source, source_id) SELECT DISTINCT unnest($3::text[]), $1, $2`,
    [summary.source, summary.sourceId, keys],
  );
}

/** Marks a record removed and deletes its keys and pairs, so no later profile change proposes it. */
export async function markRecordRemoved(tx: SqlExecutor, source: string, sourceId: string): Promise<boolean> {
  const updated = await tx.query(
    'UPDATE records SET removed = true, updated_at = now() WHERE source = $1 AND source_id = $2 AND NOT removed',
    [source, sourceId],
  );
  await tx.query('DELETE FROM record_keys WHERE source = $1 AND source_id = $2', [source, sourceId]);
  await tx.query('DELETE FROM scored_pairs WHERE source = $1 AND source_id = $2', [source, sourceId]);
  return updated.rowCount > 0;
}

/** Records a new proposal list was published for. */
export async function saveProposalVersion(
  tx: SqlExecutor,
  summary: RecordSummary,
  digest: string,
  version: number,
): Promise<void> {
  await tx.query(
    'UPDATE records SET proposals_digest = $3, proposal_version = $4 WHERE source = $1 AND source_id = $2',
    [summary.source, summary.sourceId, digest, version],
  );
}

/** Source ids of live records sharing any of the look-up keys. */
export async function recordsUnderKeys(
  tx: SqlExecutor,
  keys: string[],
): Promise<{ source: string; source_id: string }[]> {
  if (keys.length === 0) return [];
  const found = await tx.query<{ source: string; source_id: string }>(
    'SELECT DISTINCT source, source_id FROM record_keys WHERE lookup_key = ANY($1::text[])',
    [keys],
  );
  return found.rows;
}
