import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import { MAX_IDENTIFIER_RULES } from '../common/profile-match-facts.schema';
import { IdentifierRuleSchema, IdentityValueSchema, ProfileIdentitySchema } from '../common/profile.schema';
import {
  IdentifierRuleEffectSchema,
  IdentifierTypeSchema,
  RuleIdentifierTypeSchema,
} from '../common/verification-vocabulary';

/** Request fields naming the actor and the profile acted on. */
const profileRequest = { actor: ActorSchema, profileId: UuidSchema };

/** Identities of a profile. */
export const ListIdentitiesRpc = defineRpc({
  service: 'verification',
  operation: 'listIdentities',
  request: Type.Object(profileRequest),
  result: Type.Object({ items: Type.Array(ProfileIdentitySchema, { maxItems: 200 }) }),
});

/** Adds an identity; one identity belongs to one profile, so a taken one is a CONFLICT. */
export const AddIdentityRpc = defineRpc({
  service: 'verification',
  operation: 'addIdentity',
  request: Type.Object({
    ...profileRequest,
    type: IdentifierTypeSchema,
    value: IdentityValueSchema,
    isPrimary: Type.Optional(Type.Boolean()),
  }),
  result: ProfileIdentitySchema,
});

/** Removes an identity. */
export const RemoveIdentityRpc = defineRpc({
  service: 'verification',
  operation: 'removeIdentity',
  request: Type.Object({ ...profileRequest, identityId: UuidSchema }),
  result: Type.Object({ removed: Type.Boolean() }),
});

/** Identifier rules of a profile. */
export const ListIdentifierRulesRpc = defineRpc({
  service: 'verification',
  operation: 'listIdentifierRules',
  request: Type.Object(profileRequest),
  result: Type.Object({ items: Type.Array(IdentifierRuleSchema, { maxItems: MAX_IDENTIFIER_RULES }) }),
});

/** Adds an identifier rule; it applies to future records too. */
export const AddIdentifierRuleRpc = defineRpc({
  service: 'verification',
  operation: 'addIdentifierRule',
  request: Type.Object({
    ...profileRequest,
    identifierType: RuleIdentifierTypeSchema,
    value: Type.String({ minLength: 1, maxLength: 512 }),
    effect: IdentifierRuleEffectSchema,
  }),
  result: IdentifierRuleSchema,
});

/** Removes an identifier rule. */
export const RemoveIdentifierRuleRpc = defineRpc({
  service: 'verification',
  operation: 'removeIdentifierRule',
  request: Type.Object({ ...profileRequest, ruleId: UuidSchema }),
  result: Type.Object({ removed: Type.Boolean() }),
});
