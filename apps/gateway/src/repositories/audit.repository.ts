import type { PoolClient } from 'pg';

/** One change to access data, for the append-only audit table. */
export interface AuditEntry {
  actorAccountId: string | null;
  subjectAccountId: string | null;
  action: string;
  details?: Record<string, unknown>;
}

/** Appends an audit row inside the caller's transaction. */
export async function appendAudit(client: Pick<PoolClient, 'query'>, entry: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO access_audit_events (actor_account_id, subject_account_id, action, details)
     VALUES ($1, $2, $3, $4)`,
    [entry.actorAccountId, entry.subjectAccountId, entry.action, JSON.stringify(entry.details ?? {})],
  );
}
