import { Pool } from 'pg';

/** Totals of the data the services hold after a load, read from their schemas. */
export interface PipelineSummary {
  /** Current (not superseded) raw records held by ingest. */
  records: number;
  profiles: number;
  /** Candidate matches by status. */
  candidates: Record<string, number>;
  /** Candidates the system confirmed on its own. */
  autoConfirmed: number;
  /** Candidates whose author position another profile also claims. */
  conflicts: number;
  works: number;
}

async function count(pool: Pool, sql: string): Promise<number> {
  const result = await pool.query<{ count: string }>(sql);
  return Number(result.rows[0]?.count ?? 0);
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
  return [
    `Records:     ${summary.records}`,
    `Profiles:    ${summary.profiles}`,
    `Candidates:  ${candidates} (${statuses || 'none'})`,
    `Auto-confirmed: ${summary.autoConfirmed}   conflicts: ${summary.conflicts}   works: ${summary.works}`,
  ];
}
