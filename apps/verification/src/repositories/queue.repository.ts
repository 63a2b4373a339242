import type { CandidateSummary, QueueSort, Source } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { decodeCursor, encodeCursor } from '../domain/cursor';

/** Filters and order of one queue page. */
export interface QueueQuery {
  profileId: string;
  statuses: string[];
  minScore?: number;
  source?: Source;
  year?: number;
  includeSnoozed: boolean;
  sort: QueueSort;
  order: 'asc' | 'desc';
  cursor?: string;
  limit: number;
}

const SORT_COLUMNS: Record<QueueSort, { column: string; cast: string }> = {
  score: { column: 'c.match_score', cast: 'numeric' },
  publicationDate: { column: 'c.publication_sort', cast: 'date' },
  receivedAt: { column: 'c.created_at', cast: 'timestamptz' },
};

/** Builds the WHERE clause and parameters of a queue query. */
function queueFilter(query: QueueQuery) {
  const params: unknown[] = [query.profileId, query.statuses];
  const clauses = ['c.profile_id = $1', 'c.status = ANY($2::text[])'];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (query.minScore !== undefined) add('c.match_score >= ?', query.minScore);
  if (query.source) add('c.source = ?', query.source);
  if (query.year) add('c.publication_year = ?', query.year);
  if (!query.includeSnoozed) clauses.push('(c.snoozed_until IS NULL OR c.snoozed_until <= now())');
  return { params, clauses };
}

/** One keyset page of a profile's candidates: the sort key and then the id break ties. */
export async function readQueuePage(tx: SqlExecutor, query: QueueQuery) {
  const { params, clauses } = queueFilter(query);
  const { column, cast } = SORT_COLUMNS[query.sort];
  const direction = query.order === 'asc' ? '>' : '<';
  if (query.cursor) {
    const [key, id] = decodeCursor(query.cursor, 2);
    params.push(key, id);
    clauses.push(`(${column}, c.id) ${direction} ($${params.length - 1}::${cast}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const result = await tx.query<QueueRow>(
    `SELECT ${SUMMARY_COLUMNS}, ${column}::text AS "sortKey" FROM candidate_matches c
     JOIN record_versions r ON r.raw_record_id = c.raw_record_id
     WHERE ${clauses.join(' AND ')}
     ORDER BY ${column} ${query.order}, c.id ${query.order} LIMIT $${params.length}`,
    params,
  );
  const rows = result.rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const more = result.rows.length > query.limit && last !== undefined;
  return {
    items: rows.map(toCandidateSummary),
    nextCursor: more ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

/** Candidate columns as the summary needs them. */
export const SUMMARY_COLUMNS = `c.id, c.profile_id AS "profileId", c.raw_record_id AS "rawRecordId", c.source,
  c.source_id AS "sourceId", r.checksum, c.author_position AS "authorPosition", c.author_name AS "authorName",
  c.status, c.match_score::float8 AS score, c.match_reasons AS reasons, c.title, c.work_type AS type, c.doi,
  c.publication_date AS "publicationDate", c.publication_year AS "publicationYear", c.venue_name AS "venueName",
  c.url, c.conflicting_profile_ids AS "conflictingProfileIds", c.flagged, c.snoozed_until AS "snoozedUntil",
  c.delegated_to AS "delegatedTo", c.created_at AS "receivedAt"`;

/** A candidate row read with {@link SUMMARY_COLUMNS}. */
export interface QueueRow {
  id: string;
  profileId: string;
  rawRecordId: string;
  source: Source;
  sourceId: string;
  checksum: string;
  authorPosition: number;
  authorName: string;
  status: CandidateSummary['status'];
  score: number;
  reasons: CandidateSummary['reasons'];
  title: string;
  type: CandidateSummary['type'];
  doi: string | null;
  publicationDate: string | null;
  publicationYear: number | null;
  venueName: string | null;
  url: string | null;
  conflictingProfileIds: string[];
  flagged: boolean;
  snoozedUntil: Date | null;
  delegatedTo: string | null;
  receivedAt: Date;
  sortKey: string;
}

/** Turns a row into the summary shape, leaving out empty optional fields. */
export function toCandidateSummary(row: QueueRow): CandidateSummary {
  const optional = {
    doi: row.doi,
    publicationDate: row.publicationDate,
    publicationYear: row.publicationYear,
    venueName: row.venueName,
    url: row.url,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    delegatedTo: row.delegatedTo,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null));
  return {
    id: row.id,
    profileId: row.profileId,
    record: {
      rawRecordId: row.rawRecordId,
      source: row.source,
      sourceId: row.sourceId,
      checksum: row.checksum,
    },
    authorPosition: row.authorPosition,
    authorName: row.authorName,
    status: row.status,
    score: row.score,
    reasons: row.reasons,
    title: row.title,
    type: row.type,
    conflictingProfileIds: row.conflictingProfileIds,
    flagged: row.flagged,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    ...present,
  };
}
