import type { SqlExecutor } from '@atlas/database';

import type { ProfileFeedback } from '../domain/profile-summary';

/** Additions one confirmed work makes to a profile; parts a given event does not carry are left out. */
export interface ConfirmedWorkFacts {
  coauthors?: string[];
  topics?: string[];
  year?: number;
}

/** Records (or completes) one confirmed work of a profile, when the profile is in the read model. */
export async function saveConfirmedWork(
  tx: SqlExecutor,
  profileId: string,
  workKey: string,
  facts: ConfirmedWorkFacts,
): Promise<boolean> {
  const saved = await tx.query(
    `INSERT INTO confirmed_works (profile_id, work_key, coauthors, topics, publication_year)
     SELECT profile_id, $2, $3, $4, $5 FROM profiles WHERE profile_id = $1
     ON CONFLICT (profile_id, work_key) DO UPDATE SET
       coauthors = CASE WHEN cardinality(EXCLUDED.coauthors) > 0 THEN EXCLUDED.coauthors
                        ELSE confirmed_works.coauthors END,
       topics = CASE WHEN cardinality(EXCLUDED.topics) > 0 THEN EXCLUDED.topics ELSE confirmed_works.topics END,
       publication_year = COALESCE(EXCLUDED.publication_year, confirmed_works.publication_year)`,
    [profileId, workKey, facts.coauthors ?? [], facts.topics ?? [], facts.year ?? null],
  );
  return saved.rowCount > 0;
}

/** Adds similarity keys of a decided record to a profile's feedback. */
export async function saveDecisionKeys(
  tx: SqlExecutor,
  profileId: string,
  keys: string[],
  decision: 'confirmed' | 'rejected',
): Promise<void> {
  await tx.query(
    `INSERT INTO decision_keys (profile_id, similarity_key, decision)
     SELECT profile_id, key, $3 FROM profiles, unnest($2::text[]) AS key WHERE profile_id = $1
     ON CONFLICT DO NOTHING`,
    [profileId, keys, decision],
  );
}

/** Feedback of each profile, by profile id. */
export async function loadFeedback(
  tx: SqlExecutor,
  profileIds: string[],
): Promise<Map<string, ProfileFeedback>> {
  const feedback = new Map<string, ProfileFeedback>(
    profileIds.map((id) => [id, { confirmedWorks: [], decisionKeys: { confirmed: [], rejected: [] } }]),
  );
  if (profileIds.length === 0) return feedback;
  const works = await tx.query<{
    profile_id: string;
    coauthors: string[];
    topics: string[];
    year: number | null;
  }>(
    `SELECT profile_id, coauthors, topics, publication_year AS year
       FROM confirmed_works WHERE profile_id = ANY($1::uuid[])`,
    [profileIds],
  );
  for (const row of works.rows)
    feedback.get(row.profile_id)?.confirmedWorks.push({
      coauthors: row.coauthors,
      topics: row.topics,
      year: row.year ?? undefined,
    });
  const keys = await tx.query<{
    profile_id: string;
    similarity_key: string;
    decision: 'confirmed' | 'rejected';
  }>('SELECT profile_id, similarity_key, decision FROM decision_keys WHERE profile_id = ANY($1::uuid[])', [
    profileIds,
  ]);
  for (const row of keys.rows)
    feedback.get(row.profile_id)?.decisionKeys[row.decision].push(row.similarity_key);
  return feedback;
}
