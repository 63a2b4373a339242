import { createHash, randomBytes } from 'node:crypto';

import type { Harness } from './harness';

/**
 * Seeds a gateway account for a profile with the researcher role and an API token of the given
 * scopes, stored as the gateway's token route stores it (only the SHA-256 of the secret). Returns
 * the secret for an `Authorization: Bearer` header.
 */
export async function issueResearcherToken(
  harness: Harness,
  profileId: string,
  orcid: string,
  scopes: string[],
): Promise<string> {
  const account = await harness.admin.query<{ id: string }>(
    `INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ($1, $2) RETURNING id`,
    [orcid, profileId],
  );
  const accountId = account.rows[0]!.id;
  await harness.admin.query(`INSERT INTO access.account_roles (account_id, role) VALUES ($1, 'researcher')`, [
    accountId,
  ]);
  const secret = `atl_${randomBytes(32).toString('base64url')}`;
  await harness.admin.query(
    `INSERT INTO access.api_tokens (account_id, name, token_prefix, token_hash, scopes)
     VALUES ($1, 'test', $2, $3, $4)`,
    [accountId, secret.slice(0, 12), createHash('sha256').update(secret, 'utf8').digest(), scopes],
  );
  return secret;
}
