import type { QueryResult, QueryResultRow } from 'pg';

/** A pg Client or Pool connected as the verification service's runtime role. */
interface Queryable {
  query<Row extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
}

/** Inserts a profile, a record version, a candidate and one confirm act on it, and returns the act id. */
export async function insertVerificationAct(runtime: Queryable): Promise<string> {
  const profile = await runtime.query<{ id: string }>(
    `INSERT INTO author_profiles (display_name) VALUES ('Marie Curie') RETURNING id`,
  );
  const profileId = profile.rows[0]!.id;
  const rawRecordId = '01890000-0000-7000-8000-000000000001';
  await runtime.query(
    `INSERT INTO record_versions (raw_record_id, source, source_id, checksum, work)
     VALUES ($1, 'openalex', 'W1', 'sha256:00', '{}')`,
    [rawRecordId],
  );
  const candidate = await runtime.query<{ id: string }>(
    `INSERT INTO candidate_matches (profile_id, source, source_id, author_position, raw_record_id,
       match_score, matcher_version, author_name, title, work_type)
     VALUES ($1, 'openalex', 'W1', 1, $2, 0.9, 'm1', 'M. Curie', 'Radium', 'journal-article') RETURNING id`,
    [profileId, rawRecordId],
  );
  const act = await runtime.query<{ id: string }>(
    `INSERT INTO verification_acts (candidate_match_id, profile_id, raw_record_id, decision, previous_status,
       resulting_status, score, decided_by, decided_by_role, decided_via)
     VALUES ($1, $2, $3, 'confirm', 'pending', 'confirmed', 0.9, 'system', 'system', 'auto') RETURNING id`,
    [candidate.rows[0]!.id, profileId, rawRecordId],
  );
  return act.rows[0]!.id;
}
