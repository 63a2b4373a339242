import { randomBytes } from 'node:crypto';

import { quoteIdentifier } from './provisioning-context';
import { scramVerifier, scramVerifierMatches } from './scram';

import type { ProvisioningContext } from './provisioning-context';

/** How a role's password is chosen. */
export interface PasswordPolicy {
  /** Password the caller wants; set when it differs from the stored one. */
  supplied?: string;
  /** Replace the password with a generated one even though the role exists. */
  rotate: boolean;
}

/** Generates a random password of 32 URL-safe characters (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Creates a login role, or brings an existing one to the wanted attributes and password. Returns
 * the password when it is known (supplied, generated or verified), `undefined` when the role kept a
 * password that only its earlier creator knows.
 */
export async function ensureLoginRole(
  context: ProvisioningContext,
  role: string,
  policy: PasswordPolicy,
): Promise<string | undefined> {
  const found = await context.client.query<{ password: string | null; login: boolean; superuser: boolean }>(
    'SELECT rolpassword AS password, rolcanlogin AS login, rolsuper AS superuser FROM pg_authid WHERE rolname = $1',
    [role],
  );
  const existing = found.rows[0];
  if (!existing) {
    const password = policy.supplied ?? generatePassword();
    await context.client.query(
      `CREATE ROLE ${quoteIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ` +
        `PASSWORD ${context.client.escapeLiteral(scramVerifier(password))}`,
    );
    context.changes.push(`created role ${role}`);
    return password;
  }

  if (!existing.login || existing.superuser) {
    await context.client.query(`ALTER ROLE ${quoteIdentifier(role)} LOGIN NOSUPERUSER`);
    context.changes.push(`made role ${role} a non-superuser login role`);
  }
  return updatePassword(context, role, existing.password, policy);
}

async function updatePassword(
  context: ProvisioningContext,
  role: string,
  stored: string | null,
  policy: PasswordPolicy,
): Promise<string | undefined> {
  if (policy.supplied !== undefined && scramVerifierMatches(stored, policy.supplied)) return policy.supplied;
  if (policy.supplied === undefined && !policy.rotate) return undefined;

  const password = policy.supplied ?? generatePassword();
  await context.client.query(
    `ALTER ROLE ${quoteIdentifier(role)} PASSWORD ${context.client.escapeLiteral(scramVerifier(password))}`,
  );
  context.changes.push(`set password of role ${role}`);
  return password;
}
