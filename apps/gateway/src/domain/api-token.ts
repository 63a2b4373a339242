import { createHash, randomBytes } from 'node:crypto';

/** Prefix of every API token, so scanners and people recognise one. */
export const API_TOKEN_PREFIX = 'atl_';

/** Characters of a token kept in clear to tell tokens apart in lists. */
const SHOWN_PREFIX_LENGTH = 12;

const TOKEN_PATTERN = /^atl_[A-Za-z0-9_-]{43}$/;

/** A new token: the secret shown once, its stored hash and its visible prefix. */
export interface IssuedToken {
  secret: string;
  hash: Buffer;
  prefix: string;
}

/** Returns the SHA-256 of a token secret, the only form in which it is stored. */
export function hashApiToken(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Creates a token with 256 random bits. */
export function issueApiToken(): IssuedToken {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiToken(secret), prefix: secret.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** Returns the token of an `Authorization: Bearer atl_…` header, or undefined for other headers. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const token = match?.[1];
  return token !== undefined && token.startsWith(API_TOKEN_PREFIX) ? token : undefined;
}

/** Checks the shape of a token before any database look-up. */
export function isWellFormedApiToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
