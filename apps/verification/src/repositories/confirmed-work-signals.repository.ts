import type { SqlExecutor } from '@atlas/database';

/** Maximum co-authors a profile event carries, as `ProfileMatchFactsSchema` allows. */
export const MAX_PROFILE_COAUTHORS = 300;
/** Maximum topics a profile event carries, as `ProfileMatchFactsSchema` allows. */
export const MAX_PROFILE_TOPICS = 100;

/** A co-author of a profile's confirmed works. */
export interface ConfirmedCoauthor {
  name: string;
  orcid?: string;
  sharedWorks: number;
}

/** A topic of a profile's confirmed works. */
export interface ConfirmedTopic {
  label: string;
  id?: string;
  works: number;
}

/**
 * Reads the co-authors of the works the profile confirmed, most shared works first. Each authorship's own
 * position and the profile's ORCID iDs are left out. Names are grouped case-insensitively, and a
 * merged work counts once, as its primary.
 */
export async function readConfirmedCoauthors(
  db: SqlExecutor,
  profileId: string,
  ownOrcids: string[],
  limit = MAX_PROFILE_COAUTHORS,
): Promise<ConfirmedCoauthor[]> {
  // NOTE: both reads scan every authorship of the profile on each confirmation, which is cheap for
  // hundreds of works but grows with works times authors per work (thousands on large collaborations).
  const result = await db.query<{ name: string; orcid: string | null; sharedWorks: number }>(
    `SELECT left(min(btrim(author ->> 'name')), 256) AS name, max(author ->> 'orcid') AS orcid,
            count(DISTINCT coalesce(m.merged_into_id, m.id))::int AS "sharedWorks"
     FROM work_authorships a
     JOIN canonical_works m ON m.id = a.work_id
     CROSS JOIN LATERAL jsonb_array_elements(m.authors) AS author
     WHERE a.profile_id = $1
       AND btrim(coalesce(author ->> 'name', '')) <> ''
       AND (author ->> 'position')::int IS DISTINCT FROM a.position
       AND (author ->> 'orcid' IS NULL OR author ->> 'orcid' <> ALL ($2::text[]))
     GROUP BY lower(btrim(author ->> 'name'))
     ORDER BY "sharedWorks" DESC, name
     LIMIT $3`,
    [profileId, ownOrcids, limit],
  );
  return result.rows.map((row) => ({
    name: row.name,
    ...(row.orcid ? { orcid: row.orcid } : {}),
    sharedWorks: row.sharedWorks,
  }));
}

/**
 * Reads the topics of the source records attached to the profile's confirmed works (merged works included),
 * most works first. Labels are grouped case-insensitively across vocabularies. An id longer than
 * the profile event allows is left out, and the label is kept.
 */
export async function readConfirmedTopics(
  db: SqlExecutor,
  profileId: string,
  limit = MAX_PROFILE_TOPICS,
): Promise<ConfirmedTopic[]> {
  const result = await db.query<{ label: string; id: string | null; works: number }>(
    `WITH works AS (
       SELECT DISTINCT coalesce(m.merged_into_id, m.id) AS id
       FROM work_authorships a JOIN canonical_works m ON m.id = a.work_id
       WHERE a.profile_id = $1),
     topics AS (
       SELECT works.id AS work_id, btrim(topic ->> 'label') AS label, topic ->> 'id' AS topic_id
       FROM works
       JOIN canonical_works c ON c.id = works.id OR c.merged_into_id = works.id
       JOIN work_sources s ON s.work_id = c.id
       JOIN record_versions r ON r.raw_record_id = s.raw_record_id
       CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.work -> 'topics', '[]'::jsonb)) AS topic
       WHERE btrim(coalesce(topic ->> 'label', '')) <> '')
     SELECT left(min(label), 256) AS label,
            min(topic_id) FILTER (WHERE length(topic_id) <= 128) AS id,
            count(DISTINCT work_id)::int AS works
     FROM topics
     GROUP BY lower(label)
     ORDER BY works DESC, label
     LIMIT $2`,
    [profileId, limit],
  );
  return result.rows.map((row) => ({
    label: row.label,
    ...(row.id ? { id: row.id } : {}),
    works: row.works,
  }));
}
