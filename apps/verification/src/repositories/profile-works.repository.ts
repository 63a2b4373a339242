import type {
  Authorship,
  CanonicalWorkListItem,
  CanonicalWorkSummary,
  WorkSourceLink,
  WorkType,
} from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { decodeCursor, encodeCursor } from '../domain/cursor';
import { workNotFound } from '../domain/errors';
import { toWorkListItem, toWorkSummary, WORK_SUMMARY_COLUMNS } from './work-summary.repository';

import type { WorkSummaryRow } from './work-summary.repository';

/** Filters and position of a page of a profile's verified works. */
export interface WorkListQuery {
  profileId: string;
  year?: number;
  type?: WorkType;
  search?: string;
  cursor?: string;
  limit: number;
}

/**
 * Works the profile is an author of, each merged work shown as its primary. Newest first, or by
 * relevance when searching; the rank is scaled to an integer so that the keyset compares exactly.
 */
const PROFILE_WORKS = `
  WITH works AS (
    SELECT DISTINCT coalesce(m.merged_into_id, m.id) AS id
    FROM work_authorships a JOIN canonical_works m ON m.id = a.work_id
    WHERE a.profile_id = $1)
  SELECT ${WORK_SUMMARY_COLUMNS},
    CASE WHEN $4::text IS NULL THEN 0
      ELSE round(ts_rank(work_search_document(w.title, w.author_names), work_search_query($4)) * 1e9)::bigint
    END AS "rank",
    coalesce(w.publication_date, DATE '0001-01-01')::text AS "sortDate"
  FROM works JOIN canonical_works w ON w.id = works.id
  WHERE ($2::int IS NULL OR w.publication_year = $2)
    AND ($3::text IS NULL OR w.type = $3)
    AND ($4::text IS NULL OR work_search_document(w.title, w.author_names) @@ work_search_query($4))`;

/** Reads one page of a profile's verified works with keyset pagination. */
export async function readProfileWorks(db: SqlExecutor, query: WorkListQuery) {
  const [rank, date, id] = query.cursor ? decodeCursor(query.cursor, 3) : [null, null, null];
  const result = await db.query<WorkSummaryRow & { rank: string; sortDate: string }>(
    `SELECT * FROM (${PROFILE_WORKS}) page
     WHERE $5::bigint IS NULL OR ("rank", "sortDate", id) < ($5::bigint, $6::text, $7::uuid)
     ORDER BY "rank" DESC, "sortDate" DESC, id DESC LIMIT $8`,
    [
      query.profileId,
      query.year ?? null,
      query.type ?? null,
      query.search ?? null,
      rank,
      date,
      id,
      query.limit + 1,
    ],
  );
  const rows = result.rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const items: CanonicalWorkListItem[] = rows.map(toWorkListItem);
  const more = result.rows.length > query.limit && last !== undefined;
  return { items, nextCursor: more ? encodeCursor([Number(last.rank), last.sortDate, last.id]) : null };
}

/** Reads the profile's authorship on a work or on a work merged into it; raises NOT_FOUND without one. */
export async function readAuthorship(
  db: SqlExecutor,
  profileId: string,
  workId: string,
): Promise<Authorship> {
  const result = await db.query<{
    work_id: string;
    position: number | null;
    is_corresponding: boolean;
    affiliation_at_time: string | null;
    verification_act_id: string | null;
  }>(
    `SELECT a.* FROM work_authorships a JOIN canonical_works m ON m.id = a.work_id
     WHERE a.profile_id = $1 AND (m.id = $2 OR m.merged_into_id = $2)
     ORDER BY (m.id = $2) DESC LIMIT 1`,
    [profileId, workId],
  );
  const row = result.rows[0];
  if (!row) throw workNotFound(workId);
  return {
    workId,
    profileId,
    ...(row.position ? { position: row.position } : {}),
    isCorresponding: row.is_corresponding,
    ...(row.affiliation_at_time ? { affiliationAtTime: row.affiliation_at_time } : {}),
    ...(row.verification_act_id ? { verificationActId: row.verification_act_id } : {}),
  };
}

/** Source records of a work and of the works merged into it. */
export async function readWorkSources(db: SqlExecutor, workId: string): Promise<WorkSourceLink[]> {
  const result = await db.query<{
    source: WorkSourceLink['record']['source'];
    source_id: string;
    raw_record_id: string;
    checksum: string;
    role: WorkSourceLink['role'];
    merge_role: WorkSourceLink['role'] | null;
    attached_at: Date;
  }>(
    `SELECT s.*, CASE WHEN w.id = $1 THEN NULL ELSE w.merge_role END AS merge_role
     FROM work_sources s JOIN canonical_works w ON w.id = s.work_id
     WHERE w.id = $1 OR w.merged_into_id = $1 ORDER BY s.attached_at, s.id LIMIT 500`,
    [workId],
  );
  return result.rows.map((row) => ({
    record: {
      rawRecordId: row.raw_record_id,
      source: row.source,
      sourceId: row.source_id,
      checksum: row.checksum,
    },
    role: row.merge_role ?? row.role,
    attachedAt: row.attached_at.toISOString(),
  }));
}

/** Reads up to `max` verified works of a profile with full author lists, newest first. */
export async function readAllProfileWorks(
  db: SqlExecutor,
  profileId: string,
  filters: { year?: number; type?: WorkType },
  max: number,
): Promise<CanonicalWorkSummary[]> {
  const result = await db.query<WorkSummaryRow>(
    `SELECT * FROM (${PROFILE_WORKS}) page ORDER BY "sortDate" DESC, id DESC LIMIT $5`,
    [profileId, filters.year ?? null, filters.type ?? null, null, max],
  );
  return result.rows.map(toWorkSummary);
}
