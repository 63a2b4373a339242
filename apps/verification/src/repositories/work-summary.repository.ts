import type { CanonicalWorkListItem, CanonicalWorkSummary, WorkType } from '@atlas/contracts';
import { LIST_ITEM_AUTHORS } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** Columns of a canonical work as the summary schema needs them. */
export const WORK_SUMMARY_COLUMNS = `w.id, w.title, w.type, w.publication_date_text AS "publicationDate",
  w.publication_year AS "publicationYear", w.venue_name AS "venueName", w.issns, w.identifiers, w.authors,
  w.author_count AS "authorCount", w.is_retracted AS "isRetracted", w.updated_at AS "updatedAt"`;

/** A canonical work row read with {@link WORK_SUMMARY_COLUMNS}. */
export interface WorkSummaryRow {
  id: string;
  title: string;
  type: WorkType;
  publicationDate: string | null;
  publicationYear: number | null;
  venueName: string | null;
  issns: string[];
  identifiers: CanonicalWorkSummary['identifiers'];
  authors: CanonicalWorkSummary['authors'];
  authorCount: number;
  isRetracted: boolean;
  updatedAt: Date;
}

/** Turns a row into the summary shape, leaving out empty optional fields. */
export function toWorkSummary(row: WorkSummaryRow): CanonicalWorkSummary {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    ...(row.publicationDate ? { publicationDate: row.publicationDate } : {}),
    ...(row.publicationYear ? { publicationYear: row.publicationYear } : {}),
    ...(row.venueName ? { venueName: row.venueName } : {}),
    issns: row.issns,
    identifiers: row.identifiers,
    authors: row.authors,
    isRetracted: row.isRetracted,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Turns a row into a list item carrying only the first authors. */
export function toWorkListItem(row: WorkSummaryRow): CanonicalWorkListItem {
  const summary = toWorkSummary(row);
  return { ...summary, authors: summary.authors.slice(0, LIST_ITEM_AUTHORS), authorCount: row.authorCount };
}

/** Reads one canonical work's summary. */
export async function readWorkSummary(
  tx: SqlExecutor,
  workId: string,
): Promise<CanonicalWorkSummary | undefined> {
  const result = await tx.query<WorkSummaryRow>(
    `SELECT ${WORK_SUMMARY_COLUMNS} FROM canonical_works w WHERE w.id = $1`,
    [workId],
  );
  const row = result.rows[0];
  return row ? toWorkSummary(row) : undefined;
}
