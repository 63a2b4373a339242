import { literalUnion } from '@atlas/contracts';

/** Scopes an API token may carry; each route needs one. */
export const SCOPES = [
  'profile:read',
  'profile:write',
  'candidates:read',
  'candidates:write',
  'works:read',
  'works:write',
  'notifications:read',
  'notifications:write',
  'export',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];
export const ScopeSchema = literalUnion(SCOPES);

/** Returns true when a token with `granted` scopes may call a route needing `required`. */
export function scopeAllows(granted: readonly string[], required: Scope): boolean {
  return granted.includes(required);
}
