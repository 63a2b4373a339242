import type { MergeRole, RawRecordRef, Work } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { allDois, isDistinctiveFingerprint, workMatchKeys } from '../domain/work-keys';

import type { WorkMatchKeys } from '../domain/work-keys';

/** A canonical work found for a record, and how it was found. */
export interface FoundWork {
  workId: string;
  /** `duplicate` for the same DOI or arXiv id, `version` for a related DOI or a fingerprint match. */
  role: MergeRole;
}

/**
 * Finds the canonical work a record belongs to: same DOI or arXiv id first, then a version DOI, then
 * title fingerprint + year + first-author surname. `profileId` limits the search to that profile's works.
 * A merged work resolves to its primary.
 */
export async function findWork(
  tx: SqlExecutor,
  keys: WorkMatchKeys,
  profileId?: string,
): Promise<FoundWork | undefined> {
  const scope = profileId
    ? `AND EXISTS (SELECT 1 FROM work_authorships a JOIN canonical_works s ON s.id = a.work_id
         WHERE a.profile_id = $PROFILE AND coalesce(s.merged_into_id, s.id) = coalesce(w.merged_into_id, w.id))`
    : '';
  const dois = allDois(keys);
  const byIdentifier = await tx.query<{ id: string; sameDoi: boolean }>(
    `SELECT coalesce(w.merged_into_id, w.id) AS id,
            (w.primary_doi = $1 OR w.arxiv_id = $3) AS "sameDoi"
     FROM canonical_works w
     WHERE (w.primary_doi = ANY($2) OR w.arxiv_doi = ANY($2) OR w.version_dois && $2 OR w.arxiv_id = $3)
       ${scope.replace('$PROFILE', '$4')}
     ORDER BY "sameDoi" DESC LIMIT 1`,
    [keys.doi ?? null, dois, keys.arxivId ?? null, ...(profileId ? [profileId] : [])],
  );
  const identified = byIdentifier.rows[0];
  if (identified) return { workId: identified.id, role: identified.sameDoi ? 'duplicate' : 'version' };

  if (!isDistinctiveFingerprint(keys.titleFingerprint) || !keys.firstAuthorSurname) return undefined;
  const byFingerprint = await tx.query<{ id: string }>(
    `SELECT coalesce(w.merged_into_id, w.id) AS id FROM canonical_works w
     WHERE w.title_fingerprint = $1 AND w.publication_year IS NOT DISTINCT FROM $2 AND w.first_author_surname = $3
       ${scope.replace('$PROFILE', '$4')}
     LIMIT 1`,
    [
      keys.titleFingerprint,
      keys.publicationYear ?? null,
      keys.firstAuthorSurname,
      ...(profileId ? [profileId] : []),
    ],
  );
  const fingerprinted = byFingerprint.rows[0];
  return fingerprinted ? { workId: fingerprinted.id, role: 'version' } : undefined;
}

/** Lowest calendar date a partial date names (`2018` → 2018-01-01). */
function sortableDate(partial: string | undefined): string | null {
  if (!partial) return null;
  const [year, month = '01', day = '01'] = partial.split('-');
  return `${year}-${month}-${day}`;
}

/** Authors as the canonical work keeps them: position, name and ORCID. */
function listedAuthors(work: Work) {
  return work.authors.map((author) => ({
    position: author.position,
    name: author.rawName,
    ...(author.orcid ? { orcid: author.orcid } : {}),
  }));
}

/** Creates a canonical work from a record's parsed work. */
export async function createWork(tx: SqlExecutor, work: Work): Promise<string> {
  const keys = workMatchKeys(work);
  const result = await tx.query<{ id: string }>(
    `INSERT INTO canonical_works (primary_doi, title, publication_date, publication_date_text, publication_year,
       type, venue_name, issns, identifiers, authors, author_count, author_names, arxiv_id, arxiv_doi,
       version_dois, title_fingerprint, first_author_surname, is_retracted)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (primary_doi) DO UPDATE SET updated_at = now()
     RETURNING id`,
    [
      keys.doi ?? null,
      work.title,
      sortableDate(work.publicationDate),
      work.publicationDate ?? null,
      work.publicationYear ?? null,
      work.type,
      work.venue?.name ?? null,
      work.venue?.issns ?? [],
      JSON.stringify(work.identifiers),
      JSON.stringify(listedAuthors(work)),
      work.authors.length,
      work.authors.map((author) => author.rawName).join(' '),
      keys.arxivId ?? null,
      keys.arxivDoi ?? null,
      keys.versionDois,
      keys.titleFingerprint,
      keys.firstAuthorSurname ?? null,
      work.isRetracted,
    ],
  );
  return result.rows[0]!.id;
}

/** Attaches a record version to a work; a source already attached moves to this version. */
export async function attachSource(tx: SqlExecutor, workId: string, record: RawRecordRef, role: MergeRole) {
  await tx.query(
    `INSERT INTO work_sources (work_id, source, source_id, raw_record_id, checksum, role)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (work_id, source, source_id)
       DO UPDATE SET raw_record_id = excluded.raw_record_id, checksum = excluded.checksum`,
    [workId, record.source, record.sourceId, record.rawRecordId, record.checksum, role],
  );
}

/** A profile's authorship as a confirmation records it. */
export interface AuthorshipInput {
  workId: string;
  profileId: string;
  position: number;
  isCorresponding: boolean;
  affiliationAtTime?: string;
  actId: string;
  rawContributions: unknown[];
}

/** Adds a profile's authorship; returns false when the profile already had it. */
export async function addAuthorship(tx: SqlExecutor, input: AuthorshipInput): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO work_authorships (work_id, profile_id, position, is_corresponding, affiliation_at_time,
       verification_act_id, raw_contributions)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (work_id, profile_id) DO NOTHING`,
    [
      input.workId,
      input.profileId,
      input.position,
      input.isCorresponding,
      input.affiliationAtTime ?? null,
      input.actId,
      JSON.stringify(input.rawContributions),
    ],
  );
  return result.rowCount === 1;
}

/** Year and type of a work, for the counters. */
export async function workFacets(tx: SqlExecutor, workId: string) {
  const result = await tx.query<{ year: number | null; type: string }>(
    `SELECT publication_year AS year, type FROM canonical_works WHERE id = $1`,
    [workId],
  );
  return result.rows[0]!;
}

/** Profiles with an authorship on a work or on the works merged into it. */
export async function workProfiles(tx: SqlExecutor, workId: string): Promise<string[]> {
  const result = await tx.query<{ profileId: string }>(
    `SELECT DISTINCT a.profile_id AS "profileId" FROM work_authorships a JOIN canonical_works w ON w.id = a.work_id
     WHERE coalesce(w.merged_into_id, w.id) = $1`,
    [workId],
  );
  return result.rows.map((row) => row.profileId);
}
