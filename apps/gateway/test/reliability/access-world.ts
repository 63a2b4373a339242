import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { CandidatesProposedV1 } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { REAL_ORCIDS } from '../gateway-harness';
import type { ReliabilityStack } from './reliability-stack';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..', '..');

/** Folder the ingest service may import from. */
export const IMPORT_DIR = path.join(WORKSPACE, 'data/real');

/** A real Crossref page of works, relative to the import folder; profile B is proposed some of them. */
const PROPOSED_RECORDS_FILE = 'crossref/api_responses/work-list_rcrossref_0.json.gz';

/** Real ROR ids of the two institutions. */
export const INSTITUTION_X_ROR = '05a28rw58';
export const INSTITUTION_Y_ROR = '02feahw73';

/** ORCID iDs of real people, from the ORCID records under data/real/orcid, one per seeded account. */
const ACCOUNT_ORCIDS = [...REAL_ORCIDS, '0000-0001-5006-3868', '0000-0001-7935-7720'];

/** Polls `probe` every 100 ms until it returns a value, failing with `description` after 30 s. */
export async function poll<T>(probe: () => Promise<T | undefined>, description: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A signed-in person: account, profile, session cookie and CSRF token. */
export interface Person {
  accountId: string;
  profileId: string;
  cookie: string;
  csrfToken: string;
}

/** Objects of profile B that the other people must not reach. */
export interface ForeignObjects {
  pendingCandidateId: string;
  decidedCandidateId: string;
  workId: string;
  workTitle: string;
  mergeId: string;
  identityId: string;
  identityValue: string;
  ruleId: string;
  ruleValue: string;
  notificationId: string;
  importRunId: string;
  tokenId: string;
}

/**
 * Two institutions, a profile in each (A in X, B in Y), a researcher per profile, a curator per
 * institution, an administrator, and B's candidates, works, merge, identity, rule and notification.
 */
export interface AccessWorld {
  admin: Person;
  researcherA: Person;
  researcherB: Person;
  curatorX: Person;
  curatorY: Person;
  profileBName: string;
  foreign: ForeignObjects;
  /** Strings of profile B that no refused response may contain. */
  markersOfB(): string[];
}

/** Options of a JSON request through the gateway. */
export interface CallOptions {
  method?: string;
  person?: Person;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends a request to the gateway as a browser would, with the person's cookie and CSRF token. */
export function gatewayCall(
  stack: ReliabilityStack,
  url: string,
  options: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.person) {
    headers['cookie'] ??= options.person.cookie;
    headers['x-csrf-token'] ??= options.person.csrfToken;
  }
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return fetch(`${stack.gatewayUrl}${url}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
}

/** Sends a request and returns its JSON body, failing with the body when the status differs. */
export async function expectStatus<T>(
  stack: ReliabilityStack,
  url: string,
  status: number,
  options: CallOptions = {},
): Promise<T> {
  const response = await gatewayCall(stack, url, options);
  const text = await response.text();
  if (response.status !== status)
    throw new Error(
      `${options.method ?? 'GET'} ${url} returned ${response.status}, expected ${status}: ${text}`,
    );
  return (text ? JSON.parse(text) : undefined) as T;
}

async function person(
  stack: ReliabilityStack,
  orcid: string,
  profileId: string,
  roles: string[],
): Promise<Person> {
  const accountId = await stack.seedAccount(orcid, profileId, roles);
  return { accountId, profileId, ...(await stack.signIn(accountId, profileId)) };
}

async function createProfile(
  stack: ReliabilityStack,
  admin: Person,
  body: { displayName: string; orcid: string; institutionId: string },
): Promise<string> {
  const created = await expectStatus<{ profile: { id: string } }>(stack, '/admin/profiles', 201, {
    method: 'POST',
    person: admin,
    body,
  });
  return created.profile.id;
}

/** Imports the real file through the admin route and proposes `count` of its records to a profile. */
async function proposeRecords(
  stack: ReliabilityStack,
  admin: Person,
  profileId: string,
  count: number,
): Promise<string> {
  const { importRunId } = await expectStatus<{ importRunId: string }>(stack, '/admin/imports', 202, {
    method: 'POST',
    person: admin,
    body: { path: PROPOSED_RECORDS_FILE },
  });
  await poll(async () => {
    const { rows } = await stack.owners.ingest.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ingest.raw_records',
    );
    return rows[0]!.n >= count ? true : undefined;
  }, 'the import to store records');
  const { rows } = await stack.owners.ingest.query<{
    id: string;
    source: 'crossref';
    source_id: string;
    checksum: string;
  }>('SELECT id, source, source_id, checksum FROM ingest.raw_records ORDER BY source_id LIMIT $1', [count]);
  // Verification builds a candidate from the record version that ingest's RecordStored event carries.
  await poll(async () => {
    const stored = await stack.owners.verification.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM verification.record_versions WHERE raw_record_id = ANY($1::uuid[])',
      [rows.map((row) => row.id)],
    );
    return stored.rows[0]!.n === rows.length ? true : undefined;
  }, 'verification to store the imported records');
  for (const row of rows) {
    const record = {
      rawRecordId: row.id,
      source: row.source,
      sourceId: row.source_id,
      checksum: row.checksum,
    };
    await appendEvent(pgExecutor(stack.owners.matching), 'matching', CandidatesProposedV1, {
      entityId: row.id,
      entityVersion: 1,
      data: {
        record,
        matcherVersion: 'reliability-1',
        trigger: 'record',
        proposals: [
          {
            profileId,
            authorPosition: 1,
            score: 0.7,
            reasons: [{ signal: 'name', contribution: 2, detail: 'same name' }],
            autoConfirmEligible: false,
            conflict: [],
          },
        ],
      },
    });
  }
  return importRunId;
}

/** Builds the world through the gateway's own routes, as an administrator and the researchers would. */
export async function buildAccessWorld(stack: ReliabilityStack): Promise<AccessWorld> {
  const admin = await person(stack, ACCOUNT_ORCIDS[2]!, randomUUID(), ['researcher', 'admin']);
  const institutions: Record<string, string> = {};
  for (const ror of [INSTITUTION_X_ROR, INSTITUTION_Y_ROR]) {
    const institution = await expectStatus<{ id: string }>(stack, `/admin/institutions/${ror}`, 200, {
      method: 'PUT',
      person: admin,
      body: { name: `Institution ${ror}` },
    });
    institutions[ror] = institution.id;
  }
  const profileBName = `Profile B ${randomUUID().slice(0, 8)}`;
  const profileA = await createProfile(stack, admin, {
    displayName: 'Profile A',
    orcid: REAL_ORCIDS[0]!,
    institutionId: institutions[INSTITUTION_X_ROR]!,
  });
  const profileB = await createProfile(stack, admin, {
    displayName: profileBName,
    orcid: REAL_ORCIDS[1]!,
    institutionId: institutions[INSTITUTION_Y_ROR]!,
  });
  const researcherA = await person(stack, ACCOUNT_ORCIDS[0]!, profileA, ['researcher']);
  const researcherB = await person(stack, ACCOUNT_ORCIDS[1]!, profileB, ['researcher']);
  const curatorX = await person(stack, ACCOUNT_ORCIDS[3]!, randomUUID(), ['researcher', 'curator']);
  const curatorY = await person(stack, ACCOUNT_ORCIDS[4]!, randomUUID(), ['researcher', 'curator']);
  for (const [curator, ror] of [
    [curatorX, INSTITUTION_X_ROR],
    [curatorY, INSTITUTION_Y_ROR],
  ] as const) {
    await expectStatus(stack, `/admin/accounts/${curator.accountId}/memberships/${ror}`, 204, {
      method: 'PUT',
      person: admin,
      body: { membershipRole: 'curator' },
    });
  }

  const importRunId = await proposeRecords(stack, admin, profileB, 3);
  const queue = await poll(async () => {
    const page = await expectStatus<{ items: { id: string }[] }>(stack, '/candidates', 200, {
      person: researcherB,
    });
    return page.items.length === 3 ? page : undefined;
  }, 'the proposals to reach the queue of profile B');
  const [first, second, pending] = queue.items.map((item) => item.id) as [string, string, string];
  for (const candidateId of [first, second]) {
    await expectStatus(stack, `/candidates/${candidateId}/verify`, 200, {
      method: 'POST',
      person: researcherB,
      body: { decision: 'confirm', notes: 'my paper' },
    });
  }
  const works = await expectStatus<{ items: { id: string; title: string }[] }>(stack, '/works', 200, {
    person: researcherB,
  });
  const [primary, duplicate] = works.items as [{ id: string; title: string }, { id: string; title: string }];
  const merge = await expectStatus<{ mergeId: string }>(stack, `/works/${primary.id}/merge`, 200, {
    method: 'POST',
    person: researcherB,
    body: { merged: [{ workId: duplicate.id, role: 'duplicate' }] },
  });
  const identityValue = `b-${randomUUID().slice(0, 8)}@example.org`;
  const identity = await expectStatus<{ id: string }>(stack, '/profile/identities', 201, {
    method: 'POST',
    person: researcherB,
    body: { type: 'email', value: identityValue },
  });
  const ruleValue = `10.5555/reliability-${randomUUID().slice(0, 8)}`;
  const rule = await expectStatus<{ id: string }>(stack, '/profile/identifier-rules', 201, {
    method: 'POST',
    person: researcherB,
    body: { identifierType: 'doi', value: ruleValue, effect: 'exclude' },
  });
  const notifications = await poll(async () => {
    const page = await expectStatus<{ items: { id: string }[] }>(stack, '/notifications', 200, {
      person: researcherB,
    });
    return page.items.length > 0 ? page : undefined;
  }, 'a notification of profile B');
  const token = await expectStatus<{ token: { id: string } }>(stack, '/admin/tokens', 201, {
    method: 'POST',
    person: admin,
    body: { accountId: researcherB.accountId, name: 'profile B client', scopes: ['works:read'] },
  });

  const foreign: ForeignObjects = {
    pendingCandidateId: pending,
    decidedCandidateId: first,
    workId: primary.id,
    workTitle: primary.title,
    mergeId: merge.mergeId,
    identityId: identity.id,
    identityValue,
    ruleId: rule.id,
    ruleValue,
    notificationId: notifications.items[0]!.id,
    importRunId,
    tokenId: token.token.id,
  };
  return {
    admin,
    researcherA,
    researcherB,
    curatorX,
    curatorY,
    profileBName,
    foreign,
    markersOfB: () => [
      profileB,
      profileBName,
      REAL_ORCIDS[1]!,
      researcherB.accountId,
      pending,
      first,
      primary.id,
      primary.title.slice(0, 40),
      merge.mergeId,
      identity.id,
      identityValue,
      rule.id,
      ruleValue,
      notifications.items[0]!.id,
    ],
  };
}
