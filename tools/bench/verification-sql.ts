/**
 * The statements the verification service runs for a queue page, a works search and the core of a
 * decision, written out for the plain-SQL baselines. Keep them in step with the repositories of
 * apps/verification (queue.repository.ts, profile-works.repository.ts, act.repository.ts).
 */

/** Candidate columns of a queue page, as queue.repository.ts selects them. */
const SUMMARY_COLUMNS = `c.id, c.profile_id AS "profileId", c.raw_record_id AS "rawRecordId", c.source,
  c.source_id AS "sourceId", r.checksum, c.author_position AS "authorPosition", c.author_name AS "authorName",
  c.status, c.match_score::float8 AS score, c.match_reasons AS reasons, c.title, c.work_type AS type, c.doi,
  c.publication_date AS "publicationDate", c.publication_year AS "publicationYear", c.venue_name AS "venueName",
  c.url, c.conflicting_profile_ids AS "conflictingProfileIds", c.flagged, c.snoozed_until AS "snoozedUntil",
  c.delegated_to AS "delegatedTo", c.created_at AS "receivedAt"`;

/** First queue page by score: parameters profile id, statuses, limit + 1. */
export const QUEUE_PAGE_SQL = `SELECT ${SUMMARY_COLUMNS}, c.match_score::text AS "sortKey" FROM candidate_matches c
  JOIN record_versions r ON r.raw_record_id = c.raw_record_id
  WHERE c.profile_id = $1 AND c.status = ANY($2::text[]) AND (c.snoozed_until IS NULL OR c.snoozed_until <= now())
  ORDER BY c.match_score desc, c.id desc LIMIT $3`;

const WORK_SUMMARY_COLUMNS = `w.id, w.title, w.type, w.publication_date_text AS "publicationDate",
  w.publication_year AS "publicationYear", w.venue_name AS "venueName", w.issns, w.identifiers, w.authors,
  w.author_count AS "authorCount", w.is_retracted AS "isRetracted", w.updated_at AS "updatedAt"`;

/** First page of a profile's works matching a search: parameters profile id, search text, limit + 1. */
export const WORKS_SEARCH_SQL = `SELECT * FROM (
  WITH works AS (
    SELECT DISTINCT coalesce(m.merged_into_id, m.id) AS id
    FROM work_authorships a JOIN canonical_works m ON m.id = a.work_id
    WHERE a.profile_id = $1)
  SELECT ${WORK_SUMMARY_COLUMNS},
    round(ts_rank(work_search_document(w.title, w.author_names), work_search_query($2)) * 1e9)::bigint AS "rank",
    coalesce(w.publication_date, DATE '0001-01-01')::text AS "sortDate"
  FROM works JOIN canonical_works w ON w.id = works.id
  WHERE work_search_document(w.title, w.author_names) @@ work_search_query($2)) page
  ORDER BY "rank" DESC, "sortDate" DESC, id DESC LIMIT $3`;

/** Locks a pending candidate: parameter candidate id. */
export const LOCK_CANDIDATE_SQL = `SELECT id, profile_id, raw_record_id, status, match_score, version
  FROM candidate_matches WHERE id = $1 FOR UPDATE`;

/** Appends a confirm act: parameters candidate id, profile id, raw record id, score, deciding account. */
export const INSERT_ACT_SQL = `INSERT INTO verification_acts (candidate_match_id, profile_id, raw_record_id, decision,
  previous_status, resulting_status, score, decided_by, decided_by_role, decided_via)
  VALUES ($1, $2, $3, 'confirm', 'pending', 'confirmed', $4, $5, 'researcher', 'web') RETURNING id`;

/** Marks the candidate confirmed: parameter candidate id. */
export const CONFIRM_CANDIDATE_SQL = `UPDATE candidate_matches SET status = 'confirmed', version = version + 1,
  updated_at = now(), processed_at = now() WHERE id = $1`;

/** Moves the status counters: parameter profile id. */
export const SHIFT_COUNTERS_SQL = `INSERT INTO profile_counters AS c (profile_id, kind, key, value)
  VALUES ($1, 'status', 'confirmed', 1), ($1, 'status', 'pending', -1)
  ON CONFLICT (profile_id, kind, key) DO UPDATE SET value = c.value + excluded.value`;
