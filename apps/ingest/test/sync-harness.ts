import { Writable } from 'node:stream';

import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

import type { NatsConnection } from '@nats-io/nats-core';

import { loadConfig } from '@atlas/config';
import { EVENT_EXAMPLES, ProfileChangedV1 } from '@atlas/contracts';
import type { EventData, Source } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { buildService } from '@atlas/service-runtime';
import type { AtlasServer } from '@atlas/service-runtime';
import {
  ReplayServer,
  jsonResponse,
  realBody,
  realJson,
  splitRecords,
  xmlResponse,
} from '@atlas/source-clients/testing';
import { waitFor } from '@atlas/service-testing';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../src/app';
import { IngestConfigSchema } from '../src/config';

type Json = Record<string, unknown>;

/** Real recorded responses the replay server starts with. */
export const REAL = {
  openalexPage: 'openalex/api_responses/openalexpro_works_page_cursor_50results.json.gz',
  crossrefList: 'crossref/api_responses/work-list_rcrossref_0.json.gz',
  halSearch: 'hal/pyhal_search_authIdHal_olivier-devauchelle_ART.json.gz',
  orcidWorks: 'orcid/rorcid_api_v3.0/v3.0_0000-0001-8607-8025_works.json.gz',
  arxivFeed: 'arxiv/arxiv.py_api_responses/file_tests_fixtures_search_query=au_del_maestro.xml.atom.xml.gz',
};
export const ORCID = '0000-0001-8607-8025';
export const OPENALEX_AUTHOR = 'A5023888391';
export const ID_HAL = 'olivier-devauchelle';
/** Token the replay server gives as the OpenAlex cursor of the second page (the real page's cursor). */
export const OPENALEX_SECOND_CURSOR = (realJson(REAL.openalexPage).meta as Json).next_cursor as string;

/** Path prefix of each source on the replay server, so that `/works` of OpenAlex and Crossref differ. */
export const PREFIX: Record<Source, string> = {
  openalex: '/openalex',
  crossref: '/crossref',
  hal: '/hal/search/',
  orcid: '/orcid/v3.0',
  arxiv: '/arxiv/api/query',
};

/** Splits the real OpenAlex page into two pages of 25 works, the first pointing at the second. */
export function openAlexPages(results = realJson(REAL.openalexPage).results as Json[]): [Json, Json] {
  const page = realJson(REAL.openalexPage);
  const [first, second] = splitRecords(results, [25, results.length - 25]);
  const meta = page.meta as Json;
  return [
    { ...page, meta: { ...meta, next_cursor: OPENALEX_SECOND_CURSOR }, results: first },
    { ...page, meta: { ...meta, next_cursor: null }, results: second },
  ];
}

/** Serves the real responses of every source at the replay server's source prefixes. */
export function routeRealResponses(replay: ReplayServer): void {
  const [first, second] = openAlexPages();
  replay.route({ path: `${PREFIX.openalex}/works`, query: { cursor: '*' }, response: jsonResponse(first) });
  replay.route({
    path: `${PREFIX.openalex}/works`,
    query: { cursor: OPENALEX_SECOND_CURSOR },
    response: jsonResponse(second),
  });
  replay.route({ path: `${PREFIX.crossref}/works`, response: jsonResponse(realJson(REAL.crossrefList)) });
  replay.route({ path: PREFIX.hal, response: jsonResponse(realJson(REAL.halSearch)) });
  replay.route({ path: `${PREFIX.orcid}/${ORCID}/works`, response: jsonResponse(realJson(REAL.orcidWorks)) });
  replay.route({ path: PREFIX.arxiv, response: xmlResponse(arxivSinglePage(realBody(REAL.arxivFeed))) });
}

/**
 * Makes the recorded arXiv feed (the first 10 of 31 results) a complete answer, by setting its total
 * to the entries it has, so that paging stops after it instead of asking for pages not recorded.
 */
export function arxivSinglePage(feed: string): string {
  const entries = feed.split('<entry>').length - 1;
  return feed.replace(/(<opensearch:totalResults[^>]*>)\d+(<)/, `$1${entries}$2`);
}

/** Builds a profile changed event of a test profile that joins identities of several real listings. */
export function profileChanged(
  profileId: string,
  watchedSources: Source[],
): EventData<typeof ProfileChangedV1> {
  const example = EVENT_EXAMPLES.find((entry) => entry.definition === ProfileChangedV1)!;
  const data = structuredClone(example.data) as EventData<typeof ProfileChangedV1>;
  const identity = (type: 'orcid' | 'openalex' | 'hal_idhal', value: string) => ({
    id: newId(),
    type,
    value,
    isPrimary: true,
  });
  return {
    ...data,
    profileId,
    displayName: 'Adrian Del Maestro',
    primaryOrcid: ORCID,
    settings: { ...data.settings, watchedSources, allowNameSearch: false },
    facts: {
      ...data.facts,
      identities: [
        identity('orcid', ORCID),
        identity('openalex', OPENALEX_AUTHOR),
        identity('hal_idhal', ID_HAL),
      ],
      nameVariants: [],
    },
  };
}

/** Database, NATS, Redis prefix and replay server shared by the ingest instances of one test file. */
export class SyncHarness {
  readonly instances: AtlasServer[] = [];
  nc!: NatsConnection;
  pool!: Pool;
  readonly redisPrefix = `atlas:test:${newId()}:`;

  private constructor(
    readonly database: TestDatabase,
    readonly nats: TestNats,
    readonly replay: ReplayServer,
  ) {}

  static async start(): Promise<SyncHarness> {
    const [database, nats, replay] = await Promise.all([
      createTestDatabase({ services: ['ingest'] }),
      startTestNats(),
      ReplayServer.start(),
    ]);
    const harness = new SyncHarness(database, nats, replay);
    harness.nc = await connect({ servers: nats.url, name: 'ingest-sync-test' });
    harness.pool = new Pool({
      connectionString: database.services.ingest!.ownerUrl,
      options: '-c search_path=ingest',
    });
    return harness;
  }

  /** Builds one ingest instance on the shared servers; `env` adds or replaces variables. */
  async startIngest(env: Record<string, string> = {}): Promise<AtlasServer> {
    const config = loadConfig(IngestConfigSchema, {
      DATABASE_URL: this.database.services.ingest!.runtimeUrl,
      NATS_URL: this.nats.url,
      REDIS_URL: process.env['REDIS_URL'] ?? '',
      ATLAS_LOG_LEVEL: 'warn',
      ATLAS_INGEST_REDIS_PREFIX: this.redisPrefix,
      ATLAS_SYNC_REQUEST_ATTEMPTS: '2',
      ATLAS_SYNC_REQUEST_TIMEOUT_MS: '2000',
      ATLAS_SYNC_RETRY_BASE_SECONDS: '1',
      ATLAS_SYNC_OPENALEX_URL: this.replay.url(PREFIX.openalex),
      ATLAS_SYNC_CROSSREF_URL: this.replay.url(PREFIX.crossref),
      ATLAS_SYNC_HAL_URL: this.replay.url(PREFIX.hal),
      ATLAS_SYNC_ORCID_URL: this.replay.url(PREFIX.orcid),
      ATLAS_SYNC_ARXIV_URL: this.replay.url(PREFIX.arxiv),
      ...env,
    });
    const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
    const server = await buildService({ name: 'ingest', config, app, logStream });
    this.instances.push(server);
    await waitFor(
      async () => (await server.inject({ url: '/health/ready' })).statusCode === 200,
      'ingest to be ready',
      30_000,
    );
    return server;
  }

  /** Publishes a profile changed event, as the verification service's outbox relay would. */
  async publishProfile(data: EventData<typeof ProfileChangedV1>, version = 1): Promise<void> {
    const envelope = {
      id: newId(),
      type: ProfileChangedV1.type,
      version: ProfileChangedV1.version,
      source: ProfileChangedV1.service,
      time: new Date().toISOString(),
      entityId: data.profileId,
      entityVersion: version,
      data,
    };
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', envelope.id);
    await jetstream(this.nc).publish(ProfileChangedV1.subject, JSON.stringify(envelope), { headers });
    await waitFor(
      async () =>
        (
          await this.pool.query(
            'SELECT 1 FROM sync_profiles WHERE profile_id = $1 AND entity_version >= $2',
            [data.profileId, version],
          )
        ).rowCount === 1,
      `profile ${data.profileId} in the read model`,
      20_000,
    );
  }

  /** Waits until every profile synchronisation of the profile has closed, and returns its runs. */
  async settledRuns(profileId: string, expectedSyncs: number): Promise<SyncRunRow[]> {
    await waitFor(
      async () => {
        const closed = await this.pool.query(
          'SELECT 1 FROM profile_syncs WHERE profile_id = $1 AND finished_at IS NOT NULL',
          [profileId],
        );
        return closed.rowCount! >= expectedSyncs;
      },
      `${expectedSyncs} closed synchronisations of profile ${profileId}`,
      30_000,
    );
    const runs = await this.pool.query<SyncRunRow>(
      'SELECT * FROM sync_runs WHERE profile_id = $1 ORDER BY started_at, source',
      [profileId],
    );
    return runs.rows;
  }

  /** Payloads of the outbox events on a subject, oldest first. */
  async outbox<T = Json>(subject: string): Promise<Array<{ data: T }>> {
    const rows = await this.pool.query<{ payload: { data: T } }>(
      'SELECT payload FROM outbox_events WHERE subject = $1 ORDER BY created_at, id',
      [subject],
    );
    return rows.rows.map((row) => row.payload);
  }

  async close(): Promise<void> {
    for (const instance of this.instances) await instance.close();
    await this.nc?.close();
    await this.pool?.end();
    await this.replay.close();
    await this.nats.stop();
    await this.database.drop();
  }
}

/** A row of `sync_runs`. */
export interface SyncRunRow {
  id: string;
  profile_sync_id: string;
  source: Source;
  status: string;
  since: Date | null;
  resumed: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
  failure: string | null;
}
