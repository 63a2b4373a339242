import { createHash, randomBytes } from 'node:crypto';

import { Client } from 'pg';

/** ORCID iD of the account that the runs act as; a real iD from data/real/orcid. */
const ADMIN_ORCID = '0000-0001-6101-5802';

/** Every scope an API token may carry, as the gateway's scope list names them. */
const ALL_SCOPES = [
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
];

/**
 * Creates an admin account with an API token of every scope straight in the gateway's `access`
 * schema, as an operator's first-admin step would, and returns the account id and the token secret.
 * The token has the gateway's shape: `atl_` and 43 base64url characters, stored as its SHA-256.
 */
export async function seedAdminToken(superuserUrl: string): Promise<{ accountId: string; token: string }> {
  const token = `atl_${randomBytes(32).toString('base64url')}`;
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ($1, gen_random_uuid()) RETURNING id`,
      [ADMIN_ORCID],
    );
    const accountId = rows[0]!.id;
    await client.query(`INSERT INTO access.account_roles (account_id, role) VALUES ($1, 'admin')`, [
      accountId,
    ]);
    await client.query(
      `INSERT INTO access.api_tokens (account_id, name, token_prefix, token_hash, scopes)
       VALUES ($1, 'reliability run', $2, $3, $4)`,
      [accountId, token.slice(0, 12), createHash('sha256').update(token).digest(), ALL_SCOPES],
    );
    return { accountId, token };
  } finally {
    await client.end();
  }
}

/** Status and parsed body of one gateway response; status 0 when no response came. */
export interface ApiResponse<Body = unknown> {
  status: number;
  body: Body;
}

/** A candidate as the queue lists it, with the fields the runs read. */
export interface QueueItem {
  id: string;
  status: string;
  authorPosition: number;
  record: { source: string; sourceId: string };
}

/** Calls the gateway's public API with an API token, over loopback. */
export class AtlasApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** Sends one request; a network failure (a gateway that is down) becomes status 0. */
  async request<Body = unknown>(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 15_000,
  ): Promise<ApiResponse<Body>> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Body };
    } catch (error) {
      return { status: 0, body: { error: (error as Error).message } as Body };
    }
  }

  /** Creates a profile for a researcher and returns its id; throws when the gateway rejects it. */
  async createProfile(orcid: string, displayName: string): Promise<string> {
    const response = await this.request<{ profile: { id: string } }>('POST', '/admin/profiles', {
      orcid,
      displayName,
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(
        `Creating the profile of ${orcid} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body.profile.id;
  }

  /** Starts an import of a path inside the ingest service's import folder and returns the run id. */
  async startImport(path: string): Promise<string> {
    const response = await this.request<{ importRunId: string }>('POST', '/admin/imports', { path });
    if (response.status !== 202) {
      throw new Error(
        `Starting the import of ${path} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body.importRunId;
  }

  /** Returns a page of a profile's candidates in the given states (pending ones by default). */
  queue(
    profileId: string,
    limit = 50,
    cursor?: string,
    statuses: readonly string[] = ['pending'],
  ): Promise<ApiResponse<{ items: QueueItem[]; nextCursor: string | null }>> {
    const query = new URLSearchParams({ profileId, limit: String(limit) });
    for (const status of statuses) query.append('status', status);
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `/candidates?${query.toString()}`);
  }

  /** Reopens a decided candidate, which puts it back in the queue as pending. */
  reopen(profileId: string, candidateId: string): Promise<ApiResponse<{ actId: string; status: string }>> {
    return this.request('POST', `/candidates/${candidateId}/reopen?profileId=${profileId}`, {});
  }

  /** Returns the current status of a candidate, or undefined when the gateway does not return it. */
  async candidateStatus(profileId: string, candidateId: string): Promise<string | undefined> {
    const response = await this.request<{ candidate: { status: string } }>(
      'GET',
      `/candidates/${candidateId}?profileId=${profileId}`,
    );
    return response.status === 200 ? response.body.candidate.status : undefined;
  }

  /** Records a decision on a candidate with an idempotency key, so a retry never decides twice. */
  verify(
    profileId: string,
    candidateId: string,
    decision: string,
    idempotencyKey: string,
  ): Promise<ApiResponse<{ actId: string; status: string; replayed: boolean }>> {
    return this.request('POST', `/candidates/${candidateId}/verify?profileId=${profileId}`, {
      decision,
      idempotencyKey,
    });
  }
}
