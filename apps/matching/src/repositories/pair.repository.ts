import type { SqlExecutor } from '@atlas/database';
import type { PairScore } from '@atlas/matching-core';

/** A scored pair to keep, with the proposal version that carried it, if any. */
export interface PairToKeep {
  pair: PairScore;
  profileVersion: number;
  proposalVersion: number | null;
}

/** Replaces the pending pairs of one record version. */
export async function replacePairs(
  tx: SqlExecutor,
  record: { source: string; sourceId: string; rawRecordId: string },
  pairs: PairToKeep[],
): Promise<void> {
  await tx.query('DELETE FROM scored_pairs WHERE source = $1 AND source_id = $2', [
    record.source,
    record.sourceId,
  ]);
  if (pairs.length === 0) return;
  await tx.query(
    `INSERT INTO scored_pairs (source, source_id, author_position, profile_id, score, proposal_version,
                               raw_record_id, profile_version)
     SELECT $1, $2, position, profile_id, score, proposal_version, $3, profile_version
       FROM unnest($4::int[], $5::uuid[], $6::float8[], $7::int[], $8::int[])
         AS pair (position, profile_id, score, proposal_version, profile_version)
     ON CONFLICT DO NOTHING`,
    [
      record.source,
      record.sourceId,
      record.rawRecordId,
      pairs.map((kept) => kept.pair.authorPosition),
      pairs.map((kept) => kept.pair.profileId),
      pairs.map((kept) => kept.pair.score),
      pairs.map((kept) => kept.proposalVersion),
      pairs.map((kept) => kept.profileVersion),
    ],
  );
}

/** Source ids of records with a pending pair for the profile. */
export async function recordsPairedWith(
  tx: SqlExecutor,
  profileId: string,
): Promise<{ source: string; source_id: string }[]> {
  const found = await tx.query<{ source: string; source_id: string }>(
    'SELECT DISTINCT source, source_id FROM scored_pairs WHERE profile_id = $1',
    [profileId],
  );
  return found.rows;
}
