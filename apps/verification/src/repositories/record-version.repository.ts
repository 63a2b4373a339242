import type { RawRecordRef, Work } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** Keeps the parsed work of a record version; a version already kept stays as it is. */
export async function saveRecordVersion(tx: SqlExecutor, record: RawRecordRef, work: Work): Promise<void> {
  await tx.query(
    `INSERT INTO record_versions (raw_record_id, source, source_id, checksum, work) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (raw_record_id) DO NOTHING`,
    [record.rawRecordId, record.source, record.sourceId, record.checksum, JSON.stringify(work)],
  );
}

/** Whether a record version's work is known here. */
export async function hasRecordVersion(tx: SqlExecutor, rawRecordId: string): Promise<boolean> {
  const result = await tx.query(`SELECT 1 FROM record_versions WHERE raw_record_id = $1`, [rawRecordId]);
  return result.rowCount > 0;
}

/** Marks every version of a source record as removed from the source. */
export async function markRecordRemoved(
  tx: SqlExecutor,
  source: string,
  sourceId: string,
  removedAt: string,
) {
  await tx.query(
    `UPDATE record_versions SET removed_at = $3 WHERE source = $1 AND source_id = $2 AND removed_at IS NULL`,
    [source, sourceId, removedAt],
  );
}
