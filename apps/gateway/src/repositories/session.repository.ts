import { randomBytes } from 'node:crypto';

import type { Redis } from 'ioredis';

import { ServiceError } from '@atlas/service-runtime';

/** A signed-in browser session as stored in Redis. */
export interface Session {
  accountId: string;
  profileId: string;
  /** Synchronizer token a browser sends in `x-csrf-token` with every write. */
  csrfToken: string;
  /** Milliseconds since the epoch when the person signed in. */
  createdAt: number;
}

/** A pending sign-in: the PKCE verifier and nonce kept server-side until the provider redirects back. */
export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
}

/** Lifetimes of sessions and pending sign-ins, in seconds. */
export interface SessionLifetimes {
  idleSeconds: number;
  maxAgeSeconds: number;
}

const PENDING_SIGN_IN_SECONDS = 600;

/** Creates a random URL-safe id with 256 bits of entropy. */
export function randomId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Copies name and message only, because ioredis attaches the failed command with its arguments to a
 * reply error, and a session key ends with the session id.
 */
function withoutCommand(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const copy = new Error(error.message);
  copy.name = error.name;
  return copy;
}

function storeUnavailable(error: unknown): ServiceError {
  return new ServiceError({
    code: 'GATEWAY_ERR_SESSION_STORE_UNAVAILABLE',
    statusCode: 503,
    message:
      'Sign-in and sessions are unavailable because the session store cannot be reached; retry shortly.',
    cause: withoutCommand(error),
  });
}

/** Runs a Redis command, turning a connection failure or time-out into a 503. */
async function guarded<T>(redis: Redis, command: () => Promise<T>): Promise<T> {
  // A disconnected client would queue the command until its time-out, so fail at once.
  if (redis.status !== 'ready')
    throw storeUnavailable(new Error(`Redis is not connected (status ${redis.status})`));
  try {
    return await command();
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/** Sessions and pending sign-ins in Redis, with idle expiry renewed on use and an absolute maximum age. */
export class SessionRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly lifetimes: SessionLifetimes,
  ) {}

  /** Stores a new session and returns its id. */
  async create(accountId: string, profileId: string): Promise<{ id: string; session: Session }> {
    const id = randomId();
    const session: Session = { accountId, profileId, csrfToken: randomId(), createdAt: Date.now() };
    await guarded(this.redis, () =>
      this.redis.set(this.key(id), JSON.stringify(session), 'EX', this.lifetimes.idleSeconds),
    );
    return { id, session };
  }

  /** Returns a live session and renews its idle expiry, or undefined when it expired or never existed. */
  async touch(id: string): Promise<Session | undefined> {
    const key = this.key(id);
    const stored = await guarded(this.redis, () => this.redis.get(key));
    if (stored === null) return undefined;
    const session = JSON.parse(stored) as Session;
    const ageSeconds = (Date.now() - session.createdAt) / 1000;
    if (ageSeconds >= this.lifetimes.maxAgeSeconds) {
      await guarded(this.redis, () => this.redis.del(key));
      return undefined;
    }
    const remaining = Math.ceil(
      Math.min(this.lifetimes.idleSeconds, this.lifetimes.maxAgeSeconds - ageSeconds),
    );
    await guarded(this.redis, () => this.redis.expire(key, remaining));
    return session;
  }

  /** Removes a session; removing one that is gone is not an error. */
  async destroy(id: string): Promise<void> {
    await guarded(this.redis, () => this.redis.del(this.key(id)));
  }

  /** Keeps a pending sign-in under its OAuth state for ten minutes. */
  async savePendingSignIn(state: string, pending: PendingSignIn): Promise<void> {
    const key = this.pendingKey(state);
    await guarded(this.redis, () =>
      this.redis.set(key, JSON.stringify(pending), 'EX', PENDING_SIGN_IN_SECONDS),
    );
  }

  /** Returns and deletes a pending sign-in, so a state is used once. */
  async takePendingSignIn(state: string): Promise<PendingSignIn | undefined> {
    const stored = await guarded(this.redis, () => this.redis.getdel(this.pendingKey(state)));
    return stored === null ? undefined : (JSON.parse(stored) as PendingSignIn);
  }

  private key(id: string): string {
    return `${this.prefix}session:${id}`;
  }

  private pendingKey(state: string): string {
    return `${this.prefix}oidc:${state}`;
  }
}
