import type { Pool } from 'pg';

import { withTransaction } from '@atlas/database';

import type { AccountRole } from '../domain/principal';
import { appendAudit } from './audit.repository';

/** An institution known to the gateway. */
export interface Institution {
  id: string;
  rorId: string;
  name: string;
}

/** An account's membership of an institution. */
export interface Membership {
  accountId: string;
  institutionRor: string;
  membershipRole: 'member' | 'curator';
}

/** Roles, institutions and memberships, each change written to the audit table. */
export class AccessRepository {
  constructor(private readonly pool: Pool) {}

  /** Returns true when the account is a curator of the institution with this id. */
  async isCuratorOf(accountId: string, institutionId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM institutions i
       JOIN institution_memberships m ON m.institution_ror = i.ror_id
       WHERE i.id = $1 AND m.account_id = $2 AND m.membership_role = 'curator'`,
      [institutionId, accountId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Returns the id of the first institution the account belongs to, for opening institution-only lists. */
  async institutionOf(accountId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT i.id FROM institutions i JOIN institution_memberships m ON m.institution_ror = i.ror_id
       WHERE m.account_id = $1 ORDER BY m.created_at LIMIT 1`,
      [accountId],
    );
    return rows[0]?.id;
  }

  /** Creates an institution, or renames the one with the same ROR id. */
  async upsertInstitution(actorAccountId: string, rorId: string, name: string): Promise<Institution> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string; ror_id: string; name: string }>(
        `INSERT INTO institutions (ror_id, name) VALUES ($1, $2)
         ON CONFLICT (ror_id) DO UPDATE SET name = EXCLUDED.name RETURNING id, ror_id, name`,
        [rorId, name],
      );
      const row = rows[0] as { id: string; ror_id: string; name: string };
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: null,
        action: 'institution.saved',
        details: { rorId, name },
      });
      return { id: row.id, rorId: row.ror_id, name: row.name };
    });
  }

  /** Grants a role; granting a held role changes nothing. */
  async grantRole(actorAccountId: string, accountId: string, role: AccountRole): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO account_roles (account_id, role, granted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [accountId, role, actorAccountId],
      );
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: accountId,
        action: 'role.granted',
        details: { role },
      });
    });
  }

  /** Revokes a role; returns false when the account did not hold it. */
  async revokeRole(actorAccountId: string, accountId: string, role: AccountRole): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'DELETE FROM account_roles WHERE account_id = $1 AND role = $2',
        [accountId, role],
      );
      if (!rowCount) return false;
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: accountId,
        action: 'role.revoked',
        details: { role },
      });
      return true;
    });
  }

  /** Adds or changes a membership. */
  async saveMembership(actorAccountId: string, membership: Membership): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO institution_memberships (account_id, institution_ror, membership_role) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, institution_ror) DO UPDATE SET membership_role = EXCLUDED.membership_role`,
        [membership.accountId, membership.institutionRor, membership.membershipRole],
      );
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: membership.accountId,
        action: 'membership.saved',
        details: { institutionRor: membership.institutionRor, membershipRole: membership.membershipRole },
      });
    });
  }

  /** Removes a membership; returns false when there was none. */
  async removeMembership(
    actorAccountId: string,
    accountId: string,
    institutionRor: string,
  ): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'DELETE FROM institution_memberships WHERE account_id = $1 AND institution_ror = $2',
        [accountId, institutionRor],
      );
      if (!rowCount) return false;
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: accountId,
        action: 'membership.removed',
        details: { institutionRor },
      });
      return true;
    });
  }

  /** Lists an account's memberships. */
  async memberships(accountId: string): Promise<Membership[]> {
    const { rows } = await this.pool.query<{
      institution_ror: string;
      membership_role: 'member' | 'curator';
    }>(
      'SELECT institution_ror, membership_role FROM institution_memberships WHERE account_id = $1 ORDER BY 1',
      [accountId],
    );
    return rows.map((row) => ({
      accountId,
      institutionRor: row.institution_ror,
      membershipRole: row.membership_role,
    }));
  }
}
