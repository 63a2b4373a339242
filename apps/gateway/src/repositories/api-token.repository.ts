import type { Pool } from 'pg';

import { withTransaction } from '@atlas/database';

import { hashApiToken, issueApiToken } from '../domain/api-token';
import { highestRole } from '../domain/principal';
import type { AccountRole } from '../domain/principal';
import { appendAudit } from './audit.repository';

/** A live token with the account it acts for. */
export interface TokenOwner {
  tokenId: string;
  accountId: string;
  profileId: string;
  role: AccountRole;
  scopes: string[];
}

/** A token as listed to admins; never its secret or hash. */
export interface TokenListing {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  account_id: string;
  name: string;
  token_prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toListing(row: TokenRow): TokenListing {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Request to create a token. */
export interface CreateTokenInput {
  accountId: string;
  name: string;
  scopes: string[];
  expiresAt?: string;
}

/** API tokens of machine clients, stored as SHA-256 hashes. */
export class ApiTokenRepository {
  constructor(private readonly pool: Pool) {}

  /** Returns the owner of a live token (not revoked, not expired, account enabled) and marks it used. */
  async authenticate(secret: string): Promise<TokenOwner | undefined> {
    const { rows } = await this.pool.query<{
      id: string;
      account_id: string;
      profile_id: string;
      scopes: string[];
      roles: string[] | null;
    }>(
      `UPDATE api_tokens t SET last_used_at = now()
       FROM accounts a
       WHERE t.token_hash = $1 AND a.id = t.account_id AND a.disabled_at IS NULL
         AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
       RETURNING t.id, t.account_id, a.profile_id, t.scopes,
         (SELECT array_agg(r.role) FROM account_roles r WHERE r.account_id = a.id) AS roles`,
      [hashApiToken(secret)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      tokenId: row.id,
      accountId: row.account_id,
      profileId: row.profile_id,
      role: highestRole(row.roles ?? []),
      scopes: row.scopes,
    };
  }

  /** Creates a token and returns its secret, which is not stored and cannot be shown again. */
  async create(
    actorAccountId: string,
    input: CreateTokenInput,
  ): Promise<{ token: TokenListing; secret: string }> {
    const issued = issueApiToken();
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<TokenRow>(
        `INSERT INTO api_tokens (account_id, name, token_prefix, token_hash, scopes, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [input.accountId, input.name, issued.prefix, issued.hash, input.scopes, input.expiresAt ?? null],
      );
      const token = toListing(rows[0] as TokenRow);
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: input.accountId,
        action: 'token.created',
        details: { tokenId: token.id, scopes: input.scopes },
      });
      return { token, secret: issued.secret };
    });
  }

  /** Lists tokens, of one account or of all, newest first. */
  async list(accountId: string | undefined): Promise<TokenListing[]> {
    const { rows } = await this.pool.query<TokenRow>(
      `SELECT * FROM api_tokens WHERE ($1::uuid IS NULL OR account_id = $1) ORDER BY created_at DESC LIMIT 500`,
      [accountId ?? null],
    );
    return rows.map(toListing);
  }

  /** Revokes a token; returns false when no such live token exists. */
  async revoke(actorAccountId: string, tokenId: string): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ account_id: string }>(
        `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING account_id`,
        [tokenId],
      );
      const owner = rows[0];
      if (!owner) return false;
      await appendAudit(client, {
        actorAccountId,
        subjectAccountId: owner.account_id,
        action: 'token.revoked',
        details: { tokenId },
      });
      return true;
    });
  }
}
