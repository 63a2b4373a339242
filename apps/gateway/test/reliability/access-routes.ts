import type { AccessWorld } from './access-world';

/** One request of the access matrix: path with query, and the JSON body of writes. */
export interface RouteRequest {
  path: string;
  body?: unknown;
}

/** How the matrix calls one route. */
export interface RouteCase {
  /**
   * A well-formed request naming profile B's objects, or profile B itself through `?profileId=`,
   * when the route addresses a profile; otherwise a request with no profile in it.
   */
  request(world: AccessWorld): RouteRequest;
  /** True when `request` names profile B, so researcher A and curator X must get 404. */
  addressesProfileB: boolean;
  /** Why a route is open to everyone; only public routes give one. */
  publicBecause?: string;
}

const ofB = (world: AccessWorld) => `profileId=${world.researcherB.profileId}`;
const API_DOCUMENT = 'the API description, which holds no data';
const SWAGGER_UI = 'Swagger UI files, which hold no data';

/** Every route of the gateway, keyed `METHOD url` as Fastify registers it. */
export const ROUTE_CASES: Record<string, RouteCase> = {
  'OPTIONS *': {
    request: () => ({ path: '/profile' }),
    addressesProfileB: false,
    publicBecause: 'CORS preflight',
  },
  'GET /docs': { request: () => ({ path: '/docs' }), addressesProfileB: false, publicBecause: SWAGGER_UI },
  'GET /docs/static/index.html': {
    request: () => ({ path: '/docs/static/index.html' }),
    addressesProfileB: false,
    publicBecause: SWAGGER_UI,
  },
  'GET /docs/static/swagger-initializer.js': {
    request: () => ({ path: '/docs/static/swagger-initializer.js' }),
    addressesProfileB: false,
    publicBecause: SWAGGER_UI,
  },
  'GET /docs/static/*': {
    request: () => ({ path: '/docs/static/swagger-ui.css' }),
    addressesProfileB: false,
    publicBecause: SWAGGER_UI,
  },
  'GET /docs/json': {
    request: () => ({ path: '/docs/json' }),
    addressesProfileB: false,
    publicBecause: API_DOCUMENT,
  },
  'GET /docs/yaml': {
    request: () => ({ path: '/docs/yaml' }),
    addressesProfileB: false,
    publicBecause: API_DOCUMENT,
  },
  'GET /openapi.json': {
    request: () => ({ path: '/openapi.json' }),
    addressesProfileB: false,
    publicBecause: API_DOCUMENT,
  },
  'GET /asyncapi.json': {
    request: () => ({ path: '/asyncapi.json' }),
    addressesProfileB: false,
    publicBecause: 'the event description, which holds no data',
  },
  'GET /auth/orcid': {
    request: () => ({ path: '/auth/orcid' }),
    addressesProfileB: false,
    publicBecause: 'it starts sign-in',
  },
  'GET /auth/orcid/callback': {
    request: () => ({ path: '/auth/orcid/callback?code=x&state=y' }),
    addressesProfileB: false,
    publicBecause: 'it finishes sign-in',
  },
  'GET /public/profiles/:profileId/works': {
    request: (world) => ({ path: `/public/profiles/${world.researcherB.profileId}/works` }),
    addressesProfileB: true,
    publicBecause: 'it lists the works of profiles whose owners made the list public',
  },
  'GET /auth/session': {
    request: () => ({ path: '/auth/session' }),
    addressesProfileB: false,
    publicBecause: 'it tells a browser whether it is signed in, and its CSRF token only to that session',
  },
  'POST /auth/logout': { request: () => ({ path: '/auth/logout' }), addressesProfileB: false },
  'GET /profile': { request: (w) => ({ path: `/profile?${ofB(w)}` }), addressesProfileB: true },
  'PATCH /profile': {
    request: (w) => ({ path: `/profile?${ofB(w)}`, body: { changes: { displayName: 'Taken over' } } }),
    addressesProfileB: true,
  },
  'GET /profile/identities': {
    request: (w) => ({ path: `/profile/identities?${ofB(w)}` }),
    addressesProfileB: true,
  },
  'POST /profile/identities': {
    request: (w) => ({
      path: `/profile/identities?${ofB(w)}`,
      body: { type: 'email', value: 'intruder@example.org' },
    }),
    addressesProfileB: true,
  },
  'DELETE /profile/identities/:id': {
    request: (w) => ({ path: `/profile/identities/${w.foreign.identityId}` }),
    addressesProfileB: true,
  },
  'GET /profile/settings': {
    request: (w) => ({ path: `/profile/settings?${ofB(w)}` }),
    addressesProfileB: true,
  },
  'PATCH /profile/settings': {
    request: (w) => ({ path: `/profile/settings?${ofB(w)}`, body: { visibility: 'public' } }),
    addressesProfileB: true,
  },
  'GET /profile/identifier-rules': {
    request: (w) => ({ path: `/profile/identifier-rules?${ofB(w)}` }),
    addressesProfileB: true,
  },
  'POST /profile/identifier-rules': {
    request: (w) => ({
      path: `/profile/identifier-rules?${ofB(w)}`,
      body: { identifierType: 'doi', value: '10.5555/intruder', effect: 'exclude' },
    }),
    addressesProfileB: true,
  },
  'DELETE /profile/identifier-rules/:id': {
    request: (w) => ({ path: `/profile/identifier-rules/${w.foreign.ruleId}` }),
    addressesProfileB: true,
  },
  'GET /candidates': { request: (w) => ({ path: `/candidates?${ofB(w)}` }), addressesProfileB: true },
  'GET /candidates/:id': {
    request: (w) => ({ path: `/candidates/${w.foreign.pendingCandidateId}` }),
    addressesProfileB: true,
  },
  'POST /candidates/:id/verify': {
    request: (w) => ({
      path: `/candidates/${w.foreign.pendingCandidateId}/verify`,
      body: { decision: 'reject', notes: 'not theirs' },
    }),
    addressesProfileB: true,
  },
  'POST /candidates/verify-batch': {
    request: (w) => ({
      path: `/candidates/verify-batch?${ofB(w)}`,
      body: { decision: 'reject', candidateIds: [w.foreign.pendingCandidateId], expectedStatus: 'pending' },
    }),
    addressesProfileB: true,
  },
  'POST /candidates/:id/snooze': {
    request: (w) => ({
      path: `/candidates/${w.foreign.pendingCandidateId}/snooze`,
      body: { until: '2099-01-01T00:00:00.000Z' },
    }),
    addressesProfileB: true,
  },
  'POST /candidates/:id/reopen': {
    request: (w) => ({
      path: `/candidates/${w.foreign.decidedCandidateId}/reopen`,
      body: { notes: 'again' },
    }),
    addressesProfileB: true,
  },
  'GET /candidates/:id/history': {
    request: (w) => ({ path: `/candidates/${w.foreign.decidedCandidateId}/history` }),
    addressesProfileB: true,
  },
  'GET /works': { request: (w) => ({ path: `/works?${ofB(w)}` }), addressesProfileB: true },
  'GET /works/:id': { request: (w) => ({ path: `/works/${w.foreign.workId}` }), addressesProfileB: true },
  'GET /works/:id/sources': {
    request: (w) => ({ path: `/works/${w.foreign.workId}/sources` }),
    addressesProfileB: true,
  },
  'POST /works/:id/merge': {
    request: (w) => ({
      path: `/works/${w.foreign.workId}/merge`,
      body: { merged: [{ workId: w.foreign.workId, role: 'duplicate' }] },
    }),
    addressesProfileB: true,
  },
  'POST /works/merges/:id/undo': {
    request: (w) => ({ path: `/works/merges/${w.foreign.mergeId}/undo` }),
    addressesProfileB: true,
  },
  'POST /works/:id/unlink': {
    request: (w) => ({ path: `/works/${w.foreign.workId}/unlink`, body: { notes: 'not mine' } }),
    addressesProfileB: true,
  },
  'GET /stats': { request: (w) => ({ path: `/stats?${ofB(w)}` }), addressesProfileB: true },
  'GET /export': { request: (w) => ({ path: `/export?format=csljson&${ofB(w)}` }), addressesProfileB: true },
  'GET /notifications': { request: (w) => ({ path: `/notifications?${ofB(w)}` }), addressesProfileB: true },
  'POST /notifications/:id/read': {
    request: (w) => ({ path: `/notifications/${w.foreign.notificationId}/read` }),
    addressesProfileB: true,
  },
  'POST /notifications/read-all': {
    request: (w) => ({ path: `/notifications/read-all?${ofB(w)}` }),
    addressesProfileB: true,
  },
  'GET /notifications/stream': {
    request: (w) => ({ path: `/notifications/stream?${ofB(w)}` }),
    addressesProfileB: true,
  },
  'POST /admin/imports': {
    request: () => ({ path: '/admin/imports', body: { path: 'works.jsonl' } }),
    addressesProfileB: false,
  },
  'POST /admin/imports/upload': {
    request: () => ({ path: '/admin/imports/upload' }),
    addressesProfileB: false,
  },
  'GET /admin/imports/:id': {
    request: (w) => ({ path: `/admin/imports/${w.foreign.importRunId}` }),
    addressesProfileB: false,
  },
  'GET /admin/profiles/:profileId': {
    request: (w) => ({ path: `/admin/profiles/${w.researcherB.profileId}` }),
    addressesProfileB: false,
  },
  'POST /admin/profiles': {
    request: () => ({ path: '/admin/profiles', body: { displayName: 'Intruder' } }),
    addressesProfileB: false,
  },
  'POST /admin/profiles/import': {
    request: (w) => ({ path: '/admin/profiles/import', body: { rawRecordIds: [w.foreign.importRunId] } }),
    addressesProfileB: false,
  },
  'POST /admin/profiles/:profileId/sync': {
    request: (w) => ({ path: `/admin/profiles/${w.researcherB.profileId}/sync`, body: {} }),
    addressesProfileB: false,
  },
  'GET /admin/accounts': { request: () => ({ path: '/admin/accounts' }), addressesProfileB: false },
  'PUT /admin/accounts/:id/roles/:role': {
    request: (w) => ({ path: `/admin/accounts/${w.researcherA.accountId}/roles/admin` }),
    addressesProfileB: false,
  },
  'DELETE /admin/accounts/:id/roles/:role': {
    request: (w) => ({ path: `/admin/accounts/${w.admin.accountId}/roles/admin` }),
    addressesProfileB: false,
  },
  'PUT /admin/institutions/:rorId': {
    request: () => ({ path: '/admin/institutions/05a28rw58', body: { name: 'Renamed' } }),
    addressesProfileB: false,
  },
  'GET /admin/accounts/:id/memberships': {
    request: (w) => ({ path: `/admin/accounts/${w.researcherB.accountId}/memberships` }),
    addressesProfileB: false,
  },
  'PUT /admin/accounts/:id/memberships/:rorId': {
    request: (w) => ({
      path: `/admin/accounts/${w.researcherA.accountId}/memberships/02feahw73`,
      body: { membershipRole: 'curator' },
    }),
    addressesProfileB: false,
  },
  'DELETE /admin/accounts/:id/memberships/:rorId': {
    request: (w) => ({ path: `/admin/accounts/${w.curatorY.accountId}/memberships/02feahw73` }),
    addressesProfileB: false,
  },
  'POST /admin/tokens': {
    request: (w) => ({
      path: '/admin/tokens',
      body: { accountId: w.researcherB.accountId, name: 'intruder', scopes: ['works:read'] },
    }),
    addressesProfileB: false,
  },
  'GET /admin/tokens': { request: () => ({ path: '/admin/tokens' }), addressesProfileB: false },
  'DELETE /admin/tokens/:id': {
    request: (w) => ({ path: `/admin/tokens/${w.foreign.tokenId}` }),
    addressesProfileB: false,
  },
};
