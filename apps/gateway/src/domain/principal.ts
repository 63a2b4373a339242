import type { Actor } from '@atlas/contracts';

/** Roles an account may hold, lowest first. */
export const ACCOUNT_ROLES = ['researcher', 'curator', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** The caller of a request: a person with a browser session or a machine client with an API token. */
export interface Principal {
  accountId: string;
  /** Profile the account is linked to. */
  profileId: string;
  /** Highest role the account holds. */
  role: AccountRole;
  via: 'session' | 'token';
  /** Session id, for session callers. */
  sessionId?: string;
  /** CSRF token of the session, for session callers. */
  csrfToken?: string;
  /** Token id and scopes, for API token callers. */
  tokenId?: string;
  scopes?: readonly string[];
}

/** Returns the highest of the roles, or researcher when there are none. */
export function highestRole(roles: readonly string[]): AccountRole {
  for (const role of [...ACCOUNT_ROLES].reverse()) if (roles.includes(role)) return role;
  return 'researcher';
}

/** Builds the actor sent with every service request made for a principal acting for a profile. */
export function actorFor(principal: Principal, onBehalfOf: string): Actor {
  const actor: Actor = { accountId: principal.accountId, role: principal.role, onBehalfOf };
  if (principal.tokenId) actor.tokenId = principal.tokenId;
  return actor;
}
