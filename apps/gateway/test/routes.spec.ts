// NOTE: these tests check what the gateway sends to each service and how it maps replies, against a
// recording responder on an isolated NATS server that answers with contract-valid example results.
// End-to-end route tests against the real services come when those services are merged.
import { randomUUID } from 'node:crypto';

import {
  EXAMPLE_IDS,
  ExportWorksRpc,
  GetCandidateHistoryRpc,
  GetCandidateRpc,
  GetProfileRpc,
  GetQueueRpc,
  GetSettingsRpc,
  GetStatsRpc,
  ListIdentifierRulesRpc,
  ListIdentitiesRpc,
  ListNotificationsRpc,
  ListPublicWorksRpc,
  ListWorksRpc,
  MarkAllNotificationsReadRpc,
  MarkNotificationReadRpc,
  ReopenRpc,
  StartImportRpc,
  StartSyncRpc,
  UnlinkWorkRpc,
  VerifyBatchRpc,
  VerifyRpc,
} from '@atlas/contracts';
import type { RpcDefinition } from '@atlas/contracts';

import { DECISION_OUTCOME, EMPTY_PAGE, READ_NOTIFICATION, profileDetail } from './example-results';
import { REAL_ORCIDS, startGateway } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

const INSTITUTION_ROR = '05a28rw58';

let gateway: GatewayHarness;
let researcher: { accountId: string; profileId: string; cookie: string; csrfToken: string };
let curator: { accountId: string; profileId: string; cookie: string; csrfToken: string };
let admin: { accountId: string; profileId: string; cookie: string; csrfToken: string };
let institutionId: string;

async function person(orcid: string, roles: string[]) {
  const ids = await gateway.seedAccount(orcid, roles);
  return { ...ids, ...(await gateway.signIn(ids.accountId, ids.profileId)) };
}

function call(
  path: string,
  options: {
    session?: typeof researcher;
    token?: string;
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session) {
    headers['cookie'] = options.session.cookie;
    headers['x-csrf-token'] ??= options.session.csrfToken;
  }
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${gateway.baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
}

async function createToken(accountId: string, scopes: string[]): Promise<{ id: string; secret: string }> {
  const response = await call('/admin/tokens', {
    session: admin,
    method: 'POST',
    body: { accountId, name: 'test client', scopes },
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { token: { id: string }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

beforeAll(async () => {
  gateway = await startGateway({
    ATLAS_GATEWAY_TOKEN_RATE_LIMIT: '5',
    // A long window keeps the rate-limit test's requests inside one window.
    ATLAS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS: '3600',
    ATLAS_GATEWAY_CORS_ORIGINS: 'https://app.example.org',
  });
  researcher = await person(REAL_ORCIDS[0]!, ['researcher']);
  curator = await person(REAL_ORCIDS[1]!, ['researcher', 'curator']);
  admin = await person(REAL_ORCIDS[2]!, ['researcher', 'admin']);
  const { rows } = await gateway.pool.query<{ id: string }>(
    `INSERT INTO access.institutions (ror_id, name) VALUES ($1, 'Example University') RETURNING id`,
    [INSTITUTION_ROR],
  );
  institutionId = rows[0]!.id;
  await gateway.pool.query(
    `INSERT INTO access.institution_memberships (account_id, institution_ror, membership_role) VALUES ($1, $2, 'curator')`,
    [curator.accountId, INSTITUTION_ROR],
  );
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

afterEach(() => {
  expect(gateway.responder.invalid).toEqual([]);
});

describe('infrastructure', () => {
  it('serves an OpenAPI 3.1 document of every area', async () => {
    const response = await call('/openapi.json');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: object }>>;
    };

    expect(response.status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/profile',
      '/candidates/{id}/verify',
      '/works/{id}/merge',
      '/export',
      '/notifications/read-all',
      '/admin/tokens',
      '/auth/orcid',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect([path, method, Object.keys(operation.responses).length > 0]).toEqual([path, method, true]);
      }
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${gateway.baseUrl}/docs/`, { redirect: 'manual' });

    expect([200, 302]).toContain(response.status);
  });

  it('sends security headers', async () => {
    const response = await call('/openapi.json');

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('allows CORS for configured origins only', async () => {
    const allowed = await call('/profile', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'GET' },
    });
    const other = await call('/profile', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });

    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects bodies over the size limit', async () => {
    const notes = 'x'.repeat(gateway.config.bodyLimitBytes + 10);
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}/reopen`, {
      session: researcher,
      method: 'POST',
      body: { notes },
    });

    expect(response.status).toBe(413);
  });

  it('echoes and forwards the correlation id and trace context', async () => {
    gateway.responder.reply(GetProfileRpc, profileDetail(researcher.profileId));
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await call('/profile', {
      session: researcher,
      headers: { 'x-correlation-id': 'corr-12345678', traceparent },
    });
    const forwarded = gateway.responder.lastCall(GetProfileRpc);

    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('corr-12345678');
    expect(forwarded.correlationId).toBe('corr-12345678');
    expect(forwarded.traceparent).toBe(traceparent);
  });

  it('answers unauthenticated requests with 401 in the error shape', async () => {
    const response = await call('/profile');
    const body = (await response.json()) as { error: { code: string; requestId: string } };

    expect(response.status).toBe(401);
    expect(body.error.code).toBe('GATEWAY_ERR_UNAUTHENTICATED');
    expect(body.error.requestId).toBe(response.headers.get('x-correlation-id'));
  });

  it('names invalid fields', async () => {
    const response = await call('/candidates?minScore=2', { session: researcher });
    const body = (await response.json()) as { error: { details: { field: string }[] } };

    expect(response.status).toBe(400);
    expect(body.error.details.map((detail) => detail.field)).toContain('querystring.minScore');
  });
});

describe('error mapping', () => {
  it.each([
    ['BAD_REQUEST', 400],
    ['CONFLICT', 409],
    ['INVALID_TRANSITION', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['RATE_LIMITED', 429],
    ['UNAVAILABLE', 503],
    ['TIMEOUT', 504],
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 404],
  ])('maps %s to %i', async (code, status) => {
    gateway.responder.fail(ReopenRpc, code);
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}/reopen`, {
      session: researcher,
      method: 'POST',
      body: {},
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toMatch(/^GATEWAY_ERR_/);
  });

  it('gives a clear message when a service is slow', async () => {
    gateway.responder.fail(GetStatsRpc, 'TIMEOUT');
    const response = await call('/stats', { session: researcher });
    const body = (await response.json()) as { error: { message: string } };

    expect(response.status).toBe(504);
    expect(body.error.message).toContain('did not answer in time');
  });
});

describe('roles', () => {
  const otherProfile = EXAMPLE_IDS.otherProfile;

  it('lets a researcher act for their own profile', async () => {
    gateway.responder.reply(GetQueueRpc, EMPTY_PAGE);
    const response = await call(
      '/candidates?status=pending&status=uncertain&minScore=0.5&sort=score&limit=20',
      { session: researcher },
    );
    const sent = gateway.responder.lastCall(GetQueueRpc).body;

    expect(response.status).toBe(200);
    expect(sent['actor']).toEqual({
      accountId: researcher.accountId,
      role: 'researcher',
      onBehalfOf: researcher.profileId,
    });
    expect(sent['status']).toEqual(['pending', 'uncertain']);
    expect(sent['limit']).toBe(20);
  });

  it.each([
    ['/profile'],
    ['/profile/identities'],
    ['/profile/settings'],
    ['/profile/identifier-rules'],
    ['/candidates'],
    [`/candidates/${EXAMPLE_IDS.candidate}`],
    ['/works'],
    [`/works/${EXAMPLE_IDS.work}`],
    ['/stats'],
    ['/export?format=bibtex'],
    ['/notifications'],
  ])('hides another profile from a researcher on GET %s', async (path) => {
    const before = gateway.responder.calls.length;
    const separator = path.includes('?') ? '&' : '?';
    const response = await call(`${path}${separator}profileId=${otherProfile}`, { session: researcher });

    expect(response.status).toBe(404);
    expect(gateway.responder.calls.length).toBe(before);
  });

  it('hides another profile from a researcher on writes', async () => {
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}/verify?profileId=${otherProfile}`, {
      session: researcher,
      method: 'POST',
      body: { decision: 'confirm' },
    });

    expect(response.status).toBe(404);
  });

  it("answers 404 for another profile's candidate", async () => {
    gateway.responder.fail(GetCandidateRpc, 'FORBIDDEN');
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}`, { session: researcher });

    expect(response.status).toBe(404);
  });

  it('lets a curator act for a profile of their institution', async () => {
    gateway.responder.reply(GetProfileRpc, profileDetail(otherProfile, institutionId));
    gateway.responder.reply(GetStatsRpc, {
      byStatus: {
        pending: 1,
        confirmed: 2,
        rejected: 0,
        uncertain: 0,
        auto_confirmed: 0,
        auto_rejected: 0,
        merged: 0,
        expired: 0,
      },
      byYear: [],
      byType: [],
      works: 2,
      verificationRate: 0.66,
    });
    const response = await call(`/stats?profileId=${otherProfile}`, { session: curator });

    expect(response.status).toBe(200);
    expect(gateway.responder.lastCall(GetStatsRpc).body['actor']).toEqual({
      accountId: curator.accountId,
      role: 'curator',
      onBehalfOf: otherProfile,
    });
  });

  it('hides profiles of other institutions from a curator', async () => {
    gateway.responder.reply(GetProfileRpc, profileDetail(otherProfile, randomUUID()));
    const response = await call(`/stats?profileId=${otherProfile}`, { session: curator });

    expect(response.status).toBe(404);
  });

  it('lets an admin act for any profile', async () => {
    gateway.responder.reply(ListWorksRpc, EMPTY_PAGE);
    const response = await call(`/works?profileId=${otherProfile}&year=2020&search=graphene`, {
      session: admin,
    });

    expect(response.status).toBe(200);
    expect(gateway.responder.lastCall(ListWorksRpc).body).toMatchObject({
      profileId: otherProfile,
      year: 2020,
      search: 'graphene',
    });
  });

  it('keeps admin routes from researchers and curators', async () => {
    for (const session of [researcher, curator]) {
      const response = await call('/admin/tokens', { session });
      expect(response.status).toBe(403);
    }
  });
});

describe('sessions and CSRF', () => {
  it('rejects a browser write without the CSRF token', async () => {
    const response = await call('/notifications/read-all', {
      session: researcher,
      method: 'POST',
      headers: { 'x-csrf-token': 'forged' },
    });
    const body = (await response.json()) as { error: { code: string } };

    expect(response.status).toBe(403);
    expect(body.error.code).toBe('GATEWAY_ERR_CSRF');
  });

  it('accepts a browser write with the CSRF token', async () => {
    gateway.responder.reply(MarkAllNotificationsReadRpc, { marked: 4 });
    const response = await call('/notifications/read-all', { session: researcher, method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ marked: 4 });
  });

  it('returns the session and its CSRF token', async () => {
    const response = await call('/auth/session', { session: researcher });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountId: researcher.accountId,
      csrfToken: researcher.csrfToken,
    });
  });

  it('ends a session past its maximum age', async () => {
    const person = await gateway.seedAccount(REAL_ORCIDS[3]!, ['researcher']);
    const session = await gateway.signIn(person.accountId, person.profileId);
    const keys = await gateway.redis.keys(`${gateway.config.redisKeyPrefix}session:*`);
    for (const key of keys) {
      const stored = JSON.parse((await gateway.redis.get(key)) ?? '{}') as {
        accountId?: string;
        createdAt?: number;
      };
      if (stored.accountId !== person.accountId) continue;
      stored.createdAt = Date.now() - (gateway.config.sessionMaxAgeSeconds + 1) * 1000;
      await gateway.redis.set(key, JSON.stringify(stored), 'EX', 60);
    }
    const response = await call('/auth/session', { session: { ...person, ...session } });

    expect(response.status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const person = await gateway.seedAccount('0000-0002-1825-0097', ['researcher']);
    const session = { ...person, ...(await gateway.signIn(person.accountId, person.profileId)) };
    const logout = await call('/auth/logout', { session, method: 'POST' });
    const after = await call('/auth/session', { session });

    expect(logout.status).toBe(204);
    expect(after.status).toBe(401);
  });
});

describe('API tokens', () => {
  it('allows routes within the scopes', async () => {
    const token = await createToken(researcher.accountId, ['candidates:read']);
    gateway.responder.reply(GetQueueRpc, EMPTY_PAGE);
    const response = await call('/candidates', { token: token.secret });

    expect(response.status).toBe(200);
    expect(gateway.responder.lastCall(GetQueueRpc).body['actor']).toEqual({
      accountId: researcher.accountId,
      role: 'researcher',
      onBehalfOf: researcher.profileId,
      tokenId: token.id,
    });
  });

  it('rejects routes outside the scopes', async () => {
    const token = await createToken(researcher.accountId, ['candidates:read']);
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}/verify`, {
      token: token.secret,
      method: 'POST',
      body: { decision: 'confirm' },
    });

    expect(response.status).toBe(403);
  });

  it('decides through the API without a CSRF token', async () => {
    const token = await createToken(researcher.accountId, ['candidates:write']);
    gateway.responder.reply(VerifyRpc, DECISION_OUTCOME);
    const response = await call(`/candidates/${EXAMPLE_IDS.candidate}/verify`, {
      token: token.secret,
      method: 'POST',
      body: { decision: 'confirm', confidence: 'certain' },
      headers: { 'idempotency-key': 'client-key-0001' },
    });
    const sent = gateway.responder.lastCall(VerifyRpc).body;

    expect(response.status).toBe(200);
    expect(sent).toMatchObject({
      via: 'api',
      idempotencyKey: 'client-key-0001',
      decision: 'confirm',
      candidateId: EXAMPLE_IDS.candidate,
    });
  });

  it('stores only the hash and stops working once revoked', async () => {
    const token = await createToken(researcher.accountId, ['profile:read']);
    const stored = await gateway.pool.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM access.api_tokens WHERE id = $1',
      [token.id],
    );
    const revoke = await call(`/admin/tokens/${token.id}`, { session: admin, method: 'DELETE' });
    const response = await call('/profile', { token: token.secret });

    expect(stored.rows[0]!.token_hash.toString('utf8')).not.toContain(token.secret);
    expect(revoke.status).toBe(204);
    expect(response.status).toBe(401);
  });

  it('limits requests per token with Retry-After', async () => {
    const token = await createToken(researcher.accountId, ['notifications:read']);
    gateway.responder.reply(ListNotificationsRpc, { ...EMPTY_PAGE, unread: 0 });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await call('/notifications', { token: token.secret });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.headers.get('ratelimit-limit')).toBe('5');
    expect(limited?.headers.get('ratelimit-remaining')).toBe('0');
  });
});

describe('routes backed by services', () => {
  const candidate = EXAMPLE_IDS.candidate;
  const work = EXAMPLE_IDS.work;
  const cases: [string, string, unknown, RpcDefinition, unknown, number][] = [
    ['GET', '/profile/identities', undefined, ListIdentitiesRpc, { items: [] }, 200],
    ['GET', '/profile/settings', undefined, GetSettingsRpc, profileDetail(EXAMPLE_IDS.profile).settings, 200],
    ['GET', '/profile/identifier-rules', undefined, ListIdentifierRulesRpc, { items: [] }, 200],
    ['GET', `/candidates/${candidate}/history`, undefined, GetCandidateHistoryRpc, EMPTY_PAGE, 200],
    ['POST', `/candidates/${candidate}/reopen`, { notes: 'Wrong person.' }, ReopenRpc, DECISION_OUTCOME, 200],
    [
      'POST',
      '/candidates/verify-batch',
      { decision: 'reject', candidateIds: [candidate], expectedStatus: 'pending' },
      VerifyBatchRpc,
      { items: [] },
      200,
    ],
    ['POST', `/works/${work}/unlink`, {}, UnlinkWorkRpc, { unlinkedAt: '2026-12-04T12:00:00.000Z' }, 200],
    [
      'POST',
      `/notifications/${READ_NOTIFICATION.id}/read`,
      undefined,
      MarkNotificationReadRpc,
      READ_NOTIFICATION,
      200,
    ],
  ];

  it.each(cases)('%s %s sends its operation', async (method, path, body, definition, result, status) => {
    gateway.responder.reply(definition, result);
    const response = await call(path, {
      session: researcher,
      method,
      ...(body !== undefined ? { body } : {}),
    });
    const sent = gateway.responder.lastCall(definition);

    expect(response.status).toBe(status);
    expect(sent.correlationId).toBe(response.headers.get('x-correlation-id'));
    expect(sent.body['actor']).toMatchObject({
      accountId: researcher.accountId,
      onBehalfOf: researcher.profileId,
    });
  });

  it('exports with the media type and a file name', async () => {
    gateway.responder.reply(ExportWorksRpc, {
      kind: 'inline',
      mediaType: 'application/x-bibtex',
      content: '@article{a,title={T}}',
      works: 1,
    });
    const response = await call('/export?format=bibtex', { session: researcher });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-bibtex');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="atlas-works.bib"');
    expect(await response.text()).toBe('@article{a,title={T}}');
  });

  it('serves public lists without sign-in and with cache headers', async () => {
    gateway.responder.reply(ListPublicWorksRpc, {
      ...EMPTY_PAGE,
      profile: { id: EXAMPLE_IDS.profile, displayName: 'Example Researcher' },
    });
    const response = await call(`/public/profiles/${EXAMPLE_IDS.profile}/works?year=2021`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('public');
    expect(gateway.responder.lastCall(ListPublicWorksRpc).body).toEqual({
      profileId: EXAMPLE_IDS.profile,
      year: 2021,
      limit: 50,
    });
  });

  it('hides private public lists', async () => {
    gateway.responder.fail(ListPublicWorksRpc, 'NOT_FOUND');
    const response = await call(`/public/profiles/${EXAMPLE_IDS.otherProfile}/works`);

    expect(response.status).toBe(404);
  });

  it('starts an import from the import folder', async () => {
    gateway.responder.reply(StartImportRpc, { importRunId: EXAMPLE_IDS.importRun });
    const response = await call('/admin/imports', {
      session: admin,
      method: 'POST',
      body: { path: 'openalex/works.jsonl.gz' },
    });

    expect(response.status).toBe(202);
    expect(gateway.responder.lastCall(StartImportRpc).body['input']).toEqual({
      kind: 'path',
      path: 'openalex/works.jsonl.gz',
    });
  });

  it('rejects import paths outside the import folder', async () => {
    const response = await call('/admin/imports', {
      session: admin,
      method: 'POST',
      body: { path: '../etc/passwd' },
    });

    expect(response.status).toBe(400);
  });

  it('streams an upload into the object store and imports it', async () => {
    gateway.responder.reply(StartImportRpc, { importRunId: EXAMPLE_IDS.importRun });
    const content = '{"id":"https://openalex.org/W2741809807"}\n';
    const response = await fetch(`${gateway.baseUrl}/admin/imports/upload?format=openalex-jsonl`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'application/x-ndjson',
      },
      body: content,
    });
    const input = gateway.responder.lastCall(StartImportRpc).body['input'] as {
      kind: string;
      reference: { size: number; bucket: string };
    };

    expect(response.status).toBe(202);
    expect(input.kind).toBe('upload');
    expect(input.reference.size).toBe(Buffer.byteLength(content));
  });

  it('starts an on-demand sync', async () => {
    gateway.responder.reply(StartSyncRpc, { syncRunIds: [EXAMPLE_IDS.syncRun], alreadyRunning: [] });
    const response = await call(`/admin/profiles/${EXAMPLE_IDS.profile}/sync`, {
      session: admin,
      method: 'POST',
      body: { sources: ['openalex'] },
    });

    expect(response.status).toBe(202);
    expect(gateway.responder.lastCall(StartSyncRpc).body).toMatchObject({
      profileId: EXAMPLE_IDS.profile,
      sources: ['openalex'],
    });
  });

  it('grants roles and memberships with an audit trail', async () => {
    const grant = await call(`/admin/accounts/${researcher.accountId}/roles/curator`, {
      session: admin,
      method: 'PUT',
    });
    const revoke = await call(`/admin/accounts/${researcher.accountId}/roles/curator`, {
      session: admin,
      method: 'DELETE',
    });
    const member = await call(`/admin/accounts/${researcher.accountId}/memberships/${INSTITUTION_ROR}`, {
      session: admin,
      method: 'PUT',
      body: { membershipRole: 'member' },
    });
    const audit = await gateway.pool.query<{ action: string }>(
      'SELECT action FROM access.access_audit_events WHERE subject_account_id = $1 ORDER BY occurred_at',
      [researcher.accountId],
    );

    expect([grant.status, revoke.status, member.status]).toEqual([204, 204, 204]);
    expect(audit.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['role.granted', 'role.revoked', 'membership.saved']),
    );
  });
});

describe('response schemas', () => {
  // Runs last, so it covers every response the tests above received.
  it('declare every status the routes returned', () => {
    expect(gateway.undeclaredStatuses()).toEqual([]);
  });
});
