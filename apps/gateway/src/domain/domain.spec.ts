import { RPC_ERROR_CODES } from '@atlas/contracts';

import { bearerToken, hashApiToken, isWellFormedApiToken, issueApiToken } from './api-token';
import { actorFor, highestRole } from './principal';
import { HTTP_STATUS_BY_RPC_CODE, mapRpcError } from './rpc-status';

describe('mapRpcError', () => {
  it('maps every reply code', () => {
    for (const code of RPC_ERROR_CODES) expect(HTTP_STATUS_BY_RPC_CODE[code]).toBeGreaterThanOrEqual(400);
  });

  it('hides forbidden objects as not found', () => {
    expect(mapRpcError('FORBIDDEN', 'candidate of another profile', true)).toMatchObject({ statusCode: 404 });
    expect(mapRpcError('FORBIDDEN', 'not allowed', false)).toMatchObject({ statusCode: 403 });
  });

  it('replaces internal messages', () => {
    const mapped = mapRpcError('INTERNAL', 'relation "x" does not exist', false);

    expect(mapped.statusCode).toBe(502);
    expect(mapped.message).not.toContain('relation');
  });
});

describe('API tokens', () => {
  it('issues well-formed tokens with their hash', () => {
    const token = issueApiToken();

    expect(isWellFormedApiToken(token.secret)).toBe(true);
    expect(token.hash.equals(hashApiToken(token.secret))).toBe(true);
    expect(token.secret.startsWith(token.prefix)).toBe(true);
  });

  it('reads bearer tokens only with the prefix', () => {
    expect(bearerToken('Bearer atl_abc')).toBe('atl_abc');
    expect(bearerToken('Bearer eyJhbGciOi')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('principal', () => {
  it('takes the highest role', () => {
    expect(highestRole(['researcher', 'admin', 'curator'])).toBe('admin');
    expect(highestRole([])).toBe('researcher');
  });

  it('adds the token id to the actor', () => {
    const principal = {
      accountId: 'a',
      profileId: 'p',
      role: 'researcher' as const,
      via: 'token' as const,
      tokenId: 't',
    };

    expect(actorFor(principal, 'q')).toEqual({
      accountId: 'a',
      role: 'researcher',
      onBehalfOf: 'q',
      tokenId: 't',
    });
  });
});
