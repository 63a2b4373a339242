import type { Pool } from 'pg';

import {
  AddIdentifierRuleRpc,
  AddIdentityRpc,
  ListIdentifierRulesRpc,
  ListIdentitiesRpc,
  RemoveIdentifierRuleRpc,
  RemoveIdentityRpc,
} from '@atlas/contracts';
import type { IdentifierRule } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import type { SqlExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { normalizeRuleValue } from '../domain/rule-values';
import { deleteIdentity, insertIdentity } from '../repositories/identity.repository';
import { listIdentities, listRules, lockProfile, toRule } from '../repositories/profile.repository';
import { touchProfile } from '../services/profile.service';
import { assertProfileAccess, changeProfile } from './profile.handlers';
import { replyingErrors } from './rpc-errors';

import type { RuleRow } from '../repositories/profile.repository';

/** Keeps `primary_orcid` equal to the profile's primary ORCID identity. */
async function syncPrimaryOrcid(tx: SqlExecutor, profileId: string): Promise<void> {
  await tx.query(
    `UPDATE author_profiles SET primary_orcid = (
       SELECT identifier_value FROM profile_identities WHERE profile_id = $1 AND identifier_type = 'orcid'
       ORDER BY is_primary DESC, created_at LIMIT 1)
     WHERE id = $1`,
    [profileId],
  );
}

/** Operations on a profile's identities and identifier rules; each change publishes the profile. */
export function identityHandlers(pool: () => Pool) {
  const read = <Result>(
    actor: Parameters<typeof assertProfileAccess>[0],
    profileId: string,
    load: (db: SqlExecutor) => Promise<Result>,
  ) => {
    assertProfileAccess(actor, profileId);
    return load(pgExecutor(pool()));
  };
  return [
    rpcHandler(
      ListIdentitiesRpc,
      replyingErrors(async ({ actor, profileId }) => ({
        items: await read(actor, profileId, (db) => listIdentities(db, profileId)),
      })),
    ),
    rpcHandler(
      AddIdentityRpc,
      replyingErrors(({ actor, profileId, ...identity }) =>
        changeProfile(pool(), actor, profileId, async (tx) => {
          await lockProfile(tx, profileId);
          const added = await insertIdentity(tx, profileId, identity);
          if (added.type === 'orcid') await syncPrimaryOrcid(tx, profileId);
          await touchProfile(tx, profileId, added.type === 'name_variant' ? 'name_variants' : 'identities');
          return added;
        }),
      ),
    ),
    rpcHandler(
      RemoveIdentityRpc,
      replyingErrors(({ actor, profileId, identityId }) =>
        changeProfile(pool(), actor, profileId, async (tx) => {
          await lockProfile(tx, profileId);
          const removed = await deleteIdentity(tx, profileId, identityId);
          if (removed) {
            await syncPrimaryOrcid(tx, profileId);
            await touchProfile(tx, profileId, 'identities');
          }
          return { removed };
        }),
      ),
    ),
    rpcHandler(
      ListIdentifierRulesRpc,
      replyingErrors(async ({ actor, profileId }) => ({
        items: await read(actor, profileId, (db) => listRules(db, profileId)),
      })),
    ),
    rpcHandler(
      AddIdentifierRuleRpc,
      replyingErrors(({ actor, profileId, identifierType, value, effect }) =>
        changeProfile(pool(), actor, profileId, async (tx) => {
          await lockProfile(tx, profileId);
          const rule = await upsertRule(
            tx,
            profileId,
            identifierType,
            normalizeRuleValue(identifierType, value),
            effect,
          );
          await touchProfile(tx, profileId, 'identifier_rules');
          return rule;
        }),
      ),
    ),
    rpcHandler(
      RemoveIdentifierRuleRpc,
      replyingErrors(({ actor, profileId, ruleId }) =>
        changeProfile(pool(), actor, profileId, async (tx) => {
          await lockProfile(tx, profileId);
          const result = await tx.query(`DELETE FROM identifier_rules WHERE id = $1 AND profile_id = $2`, [
            ruleId,
            profileId,
          ]);
          const removed = (result.rowCount ?? 0) > 0;
          if (removed) await touchProfile(tx, profileId, 'identifier_rules');
          return { removed };
        }),
      ),
    ),
  ];
}

/** Adds a rule, or changes the effect of the profile's rule on the same identifier. */
async function upsertRule(
  tx: SqlExecutor,
  profileId: string,
  type: IdentifierRule['identifierType'],
  value: string,
  effect: IdentifierRule['effect'],
): Promise<IdentifierRule> {
  // The table grants no UPDATE: a changed effect replaces the rule.
  await tx.query(
    `DELETE FROM identifier_rules WHERE profile_id = $1 AND identifier_type = $2 AND identifier_value = $3 AND effect <> $4`,
    [profileId, type, value, effect],
  );
  await tx.query(
    `INSERT INTO identifier_rules (profile_id, identifier_type, identifier_value, effect) VALUES ($1, $2, $3, $4)
     ON CONFLICT (profile_id, identifier_type, identifier_value) DO NOTHING`,
    [profileId, type, value, effect],
  );
  const result = await tx.query<RuleRow>(
    `SELECT * FROM identifier_rules WHERE profile_id = $1 AND identifier_type = $2 AND identifier_value = $3`,
    [profileId, type, value],
  );
  return toRule(result.rows[0]!);
}
