import { Pool } from 'pg';

/** Totals of the data the services hold after a load, read from their schemas. */
export interface PipelineSummary {
  /** Current (not superseded) raw records held by ingest. */
  records: number;
  profiles: number;
  /** Candidate matches by status. */
  candidates: Record<string, number>;
  /** Candidates the system confirmed on its own, including those later merged, undone or expired. */
  autoConfirmed: number;
  /** Candidates whose author position another profile also claims. */
  conflicts: number;
  works: number;
  /** Profiles with the most pending candidates, to sign in as. */
  reviewers: { orcid: string; name: string; pending: number }[];
}

/** Profiles listed as examples to sign in as. */
const LISTED_REVIEWERS = 5;

async function count(pool: Pool, sql: string): Promise<number> {
  const result = await pool.query<{ count: string }>(sql);
  return Number(result.rows[0]?.count ?? 0);
}

async function readReviewers(pool: Pool): Promise<PipelineSummary['reviewers']> {
  const { rows } = await pool.query<{ orcid: string; name: string; pending: string }>(
    `SELECT p.primary_orcid AS orcid, p.display_name AS name, count(*) AS pending
       FROM verification.candidate_matches c
       JOIN verification.author_profiles p ON p.id = c.profile_id
      WHERE c.status = 'pending' AND p.primary_orcid IS NOT NULL AND p.erased_at IS NULL
      GROUP BY p.primary_orcid, p.display_name
      ORDER BY count(*) DESC, p.primary_orcid
      LIMIT $1`,
    [LISTED_REVIEWERS],
  );
  return rows.map((row) => ({ orcid: row.orcid, name: row.name, pending: Number(row.pending) }));
}

/** Reads the summary with a read-only look at the ingest and verification schemas. */
export async function readPipelineSummary(databaseUrl: string): Promise<PipelineSummary> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const byStatus = await pool.query<{ status: string; count: string }>(
      'SELECT status, count(*) AS count FROM verification.candidate_matches GROUP BY status ORDER BY status',
    );
    return {
      records: await count(
        pool,
        'SELECT count(*) AS count FROM ingest.raw_record_heads WHERE removed_at IS NULL',
      ),
      profiles: await count(
        pool,
        'SELECT count(*) AS count FROM verification.author_profiles WHERE erased_at IS NULL',
      ),
      candidates: Object.fromEntries(byStatus.rows.map((row) => [row.status, Number(row.count)])),
      autoConfirmed: await count(
        pool,
        "SELECT count(DISTINCT candidate_match_id) AS count FROM verification.verification_acts WHERE decided_via = 'auto'",
      ),
      conflicts: await count(
        pool,
        'SELECT count(*) AS count FROM verification.candidate_matches WHERE cardinality(conflicting_profile_ids) > 0',
      ),
      works: await count(pool, 'SELECT count(*) AS count FROM verification.canonical_works'),
      reviewers: await readReviewers(pool),
    };
  } finally {
    await pool.end();
  }
}

/** Formats the summary as a few lines for a terminal. */
export function formatPipelineSummary(summary: PipelineSummary): string[] {
  const statuses = Object.entries(summary.candidates)
    .map(([status, total]) => `${status} ${total}`)
    .join(', ');
  const candidates = Object.values(summary.candidates).reduce((sum, total) => sum + total, 0);
  const lines = [
    `Records:     ${summary.records}`,
    `Profiles:    ${summary.profiles}`,
    `Candidates:  ${candidates} (${statuses || 'none'})`,
    `Works:       ${summary.works} canonical works`,
    `Automatic confirmations: ${summary.autoConfirmed} (candidates since merged, undone or expired included)`,
    `Conflicts:   ${summary.conflicts} candidates whose author position another profile also claims`,
  ];
  if (summary.reviewers.length > 0) {
    lines.push('Profiles with the most pending candidates (sign in with one of these ORCID iDs):');
    for (const reviewer of summary.reviewers) {
      lines.push(`  ${reviewer.orcid}  ${reviewer.name}: ${reviewer.pending} pending`);
    }
  }
  return lines;
}
