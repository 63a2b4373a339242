import { Client } from 'pg';

/**
 * Natural-key queries of what the pipeline stored, one row per fact. Profiles are named by their ORCID
 * iD, because profile ids are UUIDv7 values that differ from run to run.
 */
const FACT_QUERIES = {
  rawRecords: `SELECT source || '|' || source_id AS key FROM ingest.raw_records`,
  candidateKeys: `SELECT c.source || '|' || c.source_id || '|' || c.author_position || '|' || p.primary_orcid AS key
    FROM verification.candidate_matches c JOIN verification.author_profiles p ON p.id = c.profile_id`,
  candidates: `SELECT c.source || '|' || c.source_id || '|' || c.author_position || '|' || p.primary_orcid
      || '|' || c.status AS key
    FROM verification.candidate_matches c JOIN verification.author_profiles p ON p.id = c.profile_id`,
  decisions: `SELECT c.source || '|' || c.source_id || '|' || c.author_position || '|' || p.primary_orcid
      || '|' || a.decision || '|' || a.decided_by_role AS key
    FROM verification.verification_acts a
    JOIN verification.candidate_matches c ON c.id = a.candidate_match_id
    JOIN verification.author_profiles p ON p.id = c.profile_id`,
  workAuthorships: `SELECT p.primary_orcid || '|' || coalesce(w.primary_doi, w.title) AS key
    FROM verification.work_authorships wa
    JOIN verification.canonical_works w ON w.id = wa.work_id
    JOIN verification.author_profiles p ON p.id = wa.profile_id`,
  pendingReminders: `SELECT n.source || '|' || n.source_id || '|' || n.author_position || '|' || p.primary_orcid
      || '|' || coalesce(c.status, 'no candidate') AS key
    FROM notification.pending_candidates n JOIN verification.author_profiles p ON p.id = n.profile_id
    LEFT JOIN verification.candidate_matches c ON c.profile_id = n.profile_id AND c.source = n.source
      AND c.source_id = n.source_id AND c.author_position = n.author_position`,
} as const;

export type FactKind = keyof typeof FACT_QUERIES;

/** How many times each natural key occurs, per kind of fact. */
export type EndState = Record<FactKind, Map<string, number>>;

/** Reads the end state of a run with the superuser, across the services' schemas. */
export async function readEndState(superuserUrl: string): Promise<EndState> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const state = {} as EndState;
    for (const [kind, sql] of Object.entries(FACT_QUERIES) as Array<[FactKind, string]>) {
      const counts = new Map<string, number>();
      const { rows } = await client.query<{ key: string }>(sql);
      for (const { key } of rows) counts.set(key, (counts.get(key) ?? 0) + 1);
      state[kind] = counts;
    }
    return state;
  } finally {
    await client.end();
  }
}

/** Per kind of fact: rows in both runs, rows the faulted run lacks, and extra rows it has. */
export interface FactDiff {
  expected: number;
  actual: number;
  missing: number;
  extra: number;
  /** A few keys of each difference, to start an investigation from. */
  examples: string[];
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/** Compares a faulted run's end state against an undisturbed run's, key by key with multiplicity. */
export function diffEndStates(expected: EndState, actual: EndState): Record<FactKind, FactDiff> {
  const result = {} as Record<FactKind, FactDiff>;
  for (const kind of Object.keys(FACT_QUERIES) as FactKind[]) {
    const diff: FactDiff = {
      expected: total(expected[kind]),
      actual: total(actual[kind]),
      missing: 0,
      extra: 0,
      examples: [],
    };
    const keys = new Set([...expected[kind].keys(), ...actual[kind].keys()]);
    for (const key of keys) {
      const delta = (actual[kind].get(key) ?? 0) - (expected[kind].get(key) ?? 0);
      if (delta === 0) continue;
      if (delta < 0) diff.missing -= delta;
      else diff.extra += delta;
      if (diff.examples.length < 5) diff.examples.push(`${delta > 0 ? '+' : ''}${delta} ${key}`);
    }
    result[kind] = diff;
  }
  return result;
}

/** Returns the act ids among `actIds` that no row of the audit trail has. */
export async function missingActs(superuserUrl: string, actIds: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id::text FROM unnest($1::uuid[]) AS wanted(id)
       WHERE NOT EXISTS (SELECT 1 FROM verification.verification_acts a WHERE a.id = wanted.id)`,
      [[...new Set(actIds)]],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/**
 * Counts decisions of people (not the system, and not reopenings) beyond the first on one candidate.
 * The review sweeps decide each candidate once, so any such act is a retry that was applied twice.
 */
export async function repeatedPersonActs(superuserUrl: string): Promise<number> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ repeated: string }>(
      `SELECT coalesce(sum(acts - 1), 0) AS repeated FROM (
         SELECT count(*) AS acts FROM verification.verification_acts
         WHERE decided_by_role <> 'system' AND decision <> 'reopen'
         GROUP BY candidate_match_id) per_candidate`,
    );
    return Number(rows[0]!.repeated);
  } finally {
    await client.end();
  }
}
