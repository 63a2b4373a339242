import type { Pool } from 'pg';

import { withTransaction } from '@atlas/database';

import { highestRole } from '../domain/principal';
import type { AccountRole } from '../domain/principal';
import { appendAudit } from './audit.repository';

/** An account with its roles, as authentication needs it. */
export interface AccountRecord {
  id: string;
  profileId: string;
  orcidSubject: string;
  displayName: string | null;
  roles: AccountRole[];
  role: AccountRole;
  disabled: boolean;
}

interface AccountRow {
  id: string;
  profile_id: string;
  orcid_subject: string;
  display_name: string | null;
  roles: AccountRole[] | null;
  disabled_at: Date | null;
}

const ACCOUNT_COLUMNS = `a.id, a.profile_id, a.orcid_subject, a.display_name, a.disabled_at,
  (SELECT array_agg(r.role ORDER BY r.role) FROM account_roles r WHERE r.account_id = a.id) AS roles`;

function toRecord(row: AccountRow): AccountRecord {
  const roles = row.roles ?? [];
  return {
    id: row.id,
    profileId: row.profile_id,
    orcidSubject: row.orcid_subject,
    displayName: row.display_name,
    roles,
    role: highestRole(roles),
    disabled: row.disabled_at !== null,
  };
}

/** Accounts of people who sign in with ORCID, and their roles. */
export class AccountRepository {
  constructor(private readonly pool: Pool) {}

  /** Returns the account of an ORCID iD, if one exists. */
  async findByOrcid(orcid: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.orcid_subject = $1`,
      [orcid],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Returns an account by id, if it exists. */
  async findById(id: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /**
   * Creates the account of a first sign-in with the researcher role. When a concurrent sign-in of
   * the same ORCID iD created it first, returns that account.
   */
  async createForSignIn(
    orcid: string,
    profileId: string,
    displayName: string | null,
  ): Promise<AccountRecord> {
    await withTransaction(this.pool, async (client) => {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO accounts (orcid_subject, profile_id, display_name) VALUES ($1, $2, $3)
         ON CONFLICT (orcid_subject) DO NOTHING RETURNING id`,
        [orcid, profileId, displayName],
      );
      const accountId = inserted.rows[0]?.id;
      if (!accountId) return;
      await client.query(`INSERT INTO account_roles (account_id, role) VALUES ($1, 'researcher')`, [
        accountId,
      ]);
      await appendAudit(client, {
        actorAccountId: accountId,
        subjectAccountId: accountId,
        action: 'account.created',
      });
    });
    const account = await this.findByOrcid(orcid);
    if (!account) throw new Error(`The account of ORCID iD ${orcid} vanished right after it was created`);
    return account;
  }

  /** Records the time of a sign-in. */
  async recordSignIn(accountId: string): Promise<void> {
    await this.pool.query('UPDATE accounts SET last_signed_in_at = now() WHERE id = $1', [accountId]);
  }

  /** Lists accounts in id order, one keyset page at a time. */
  async list(after: string | undefined, limit: number): Promise<AccountRecord[]> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE ($1::uuid IS NULL OR a.id > $1) ORDER BY a.id LIMIT $2`,
      [after ?? null, limit],
    );
    return rows.map(toRecord);
  }
}
