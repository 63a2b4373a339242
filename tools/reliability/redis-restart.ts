/**
 * Kills Redis with SIGKILL and starts it again on the same port and append-only file while signed-in
 * sessions and server-sent-event streams are open and an import with decisions runs. During the
 * outage, session routes must return 503 while token routes keep working, because the rate limiter
 * fails open. Afterwards the sessions must work again, and every notification created for the
 * streamed profiles must reach its stream, directly or through the Last-Event-ID replay of a
 * reconnect. No acknowledged decision may be lost.
 * Run: npm run reliability -- redis-restart   (ATLAS_RELIABILITY_RECORDS sets the record count, 20000)
 * Final line: RESULT redis-restart records=<n> ... missing_on_streams=<m> ok=<bool>
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sign } from '@fastify/cookie';
import { Redis } from 'ioredis';
import { Client } from 'pg';

import { startRedis } from '@atlas/local-stack';

import { registerCleanup } from './lib/cleanup';
import { pickResearchers, writeDerivedWorks } from './lib/derived-records';
import { faultRunPassed, runImportWithFault } from './lib/fault-run';
import { ReconnectingEventStream } from './lib/reconnecting-sse';
import { startScenario } from './lib/scenario';
import type { Scenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 20_000);
const TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 15 * 60_000);
const PROFILES = 10;
/** Seconds Redis stays down. */
const DOWN_SECONDS = 5;
/** Default prefix of the gateway's Redis keys (ATLAS_GATEWAY_REDIS_PREFIX). */
const GATEWAY_PREFIX = 'atlas:gateway:';

interface SignedInProfile {
  profileId: string;
  cookie: string;
}

/**
 * Creates a researcher account for each profile and a session for it in Redis, stored as the
 * gateway's ORCID sign-in stores one, and returns each session's signed cookie.
 */
async function signIn(scenario: Scenario, secret: string): Promise<SignedInProfile[]> {
  const researchers = await pickResearchers(PROFILES, 1);
  const client = new Client({ connectionString: scenario.superuserUrl });
  const redis = new Redis(scenario.stack.connection.redisUrl);
  await client.connect();
  try {
    const signedIn: SignedInProfile[] = [];
    for (const [index, profileId] of scenario.profileIds.entries()) {
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ($1, $2) RETURNING id',
        [researchers[index]!.orcid, profileId],
      );
      const accountId = rows[0]!.id;
      await client.query(`INSERT INTO access.account_roles (account_id, role) VALUES ($1, 'researcher')`, [
        accountId,
      ]);
      const sessionId = randomBytes(32).toString('base64url');
      const session = {
        accountId,
        profileId,
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: Date.now(),
      };
      await redis.set(`${GATEWAY_PREFIX}session:${sessionId}`, JSON.stringify(session), 'EX', 8 * 3600);
      signedIn.push({ profileId, cookie: `atlas_session=${encodeURIComponent(sign(sessionId, secret))}` });
    }
    return signedIn;
  } finally {
    await client.end();
    redis.disconnect();
  }
}

async function sessionStatuses(
  scenario: Scenario,
  profiles: SignedInProfile[],
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (const { cookie } of profiles) {
    const status = await fetch(`${scenario.fleet.url('gateway')}/auth/session`, { headers: { cookie } }).then(
      (response) => response.status,
      () => 0,
    );
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

/** Kills the stack's Redis and starts it again on its port and folder, recording its new process id. */
async function restartRedis(stackDirectory: string): Promise<void> {
  const stateFile = path.join(stackDirectory, 'state.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    redis: { port: number; pid: number; directory: string };
  };
  process.kill(state.redis.pid, 'SIGKILL');
  log(`kill -9 redis-server (pid ${state.redis.pid})`);
  await new Promise((resolve) => setTimeout(resolve, DOWN_SECONDS * 1000));
  const redis = await startRedis(state.redis.directory, undefined, log, { preferredPort: state.redis.port });
  writeFileSync(stateFile, JSON.stringify({ ...state, redis }, null, 2));
  if (redis.port !== state.redis.port)
    throw new Error(`Redis came back on port ${redis.port}, not ${state.redis.port}`);
}

interface StoredNotification {
  profileId: string;
  type: string;
  createdAt: Date;
}

async function notificationsSince(
  scenario: Scenario,
  profileIds: string[],
  since: Date,
): Promise<Map<string, StoredNotification>> {
  const client = new Client({ connectionString: scenario.superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; profile_id: string; type: string; created_at: Date }>(
      `SELECT id::text, profile_id::text, type, created_at FROM notification.notifications
       WHERE profile_id = ANY($1::uuid[]) AND created_at >= $2`,
      [profileIds, since],
    );
    return new Map(
      rows.map((row) => [row.id, { profileId: row.profile_id, type: row.type, createdAt: row.created_at }]),
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-redis-restart-'));
  registerCleanup(async () => rmSync(directory, { recursive: true, force: true }));
  const file = await writeDerivedWorks(directory, RECORDS);
  const secret = randomBytes(32).toString('hex');
  const scenario = await startScenario('redis-restart', 'restart', {
    importDirectory: directory,
    profiles: PROFILES,
    maxWorksPerProfile: 1,
    extraEnv: {
      gateway: { ATLAS_GATEWAY_SESSION_SECRET: secret },
      notification: {
        ATLAS_NOTIFICATION_AGGREGATION_WINDOW_MS: '2000',
        ATLAS_NOTIFICATION_JOB_INTERVAL_MS: '500',
      },
    },
    log,
  });
  const streams: ReconnectingEventStream[] = [];
  try {
    const profiles = await signIn(scenario, secret);
    const before = await sessionStatuses(scenario, profiles);
    const since = new Date();
    for (const { cookie } of profiles) {
      const stream = new ReconnectingEventStream(`${scenario.fleet.url('gateway')}/notifications/stream`, {
        cookie,
      });
      streams.push(stream);
      await stream.open();
    }
    log(`sessions before: ${JSON.stringify(before)}; ${streams.length} streams open`);

    let during: Record<number, number> = {};
    let tokenDuring = 0;
    const report = await runImportWithFault(scenario, {
      file: path.basename(file),
      faultAtRecords: Math.floor(RECORDS / 3),
      decidingProfiles: 5,
      deadline,
      superuserUrl: () => scenario.superuserUrl,
      log,
      fault: async () => {
        log(`Redis goes down at ${new Date().toISOString()}`);
        const restarted = restartRedis(scenario.stack.directory);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        during = await sessionStatuses(scenario, profiles);
        tokenDuring = (await scenario.api.queue(scenario.profileIds[0]!)).status;
        log(`during the outage: sessions ${JSON.stringify(during)}, token queue read ${tokenDuring}`);
        await restarted;
        log('redis-server restarted on its port with its append-only file');
      },
    });
    // Give the aggregation window and the fan-out time to deliver the last notifications.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const after = await sessionStatuses(scenario, profiles);
    const created = await notificationsSince(scenario, scenario.profileIds, since);
    let missing = 0;
    for (const [id, notification] of created) {
      const stream = streams[scenario.profileIds.indexOf(notification.profileId)]!;
      if (stream.receivedIds.has(id)) continue;
      missing += 1;
      log(
        `not on its stream: notification ${id} (${notification.type}) of ${notification.createdAt.toISOString()}`,
      );
    }
    const reconnects = streams.reduce((sum, stream) => sum + stream.connections - 1, 0);
    log(JSON.stringify({ report, before, during, after, streamStatuses: streams.map((s) => s.statuses) }));

    const sessionsKept = after[200] ?? 0;
    const ok =
      faultRunPassed(report) &&
      sessionsKept === profiles.length &&
      (during[503] ?? 0) === profiles.length &&
      tokenDuring === 200 &&
      missing === 0;
    log(
      resultLine('redis-restart', {
        records: RECORDS,
        down_s: DOWN_SECONDS,
        sessions: profiles.length,
        sessions_503_during: during[503] ?? 0,
        token_status_during: tokenDuring,
        sessions_kept: sessionsKept,
        notifications: created.size,
        missing_on_streams: missing,
        reconnects,
        import: report.importStatus,
        acknowledged: report.acknowledged,
        acknowledged_during_fault: report.acknowledgedDuringFault,
        mid_import: report.importRunningAtFault,
        lost_decisions: report.lostDecisions,
        dead_letters: report.deadLetters,
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    for (const stream of streams) stream.close();
    await scenario.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

runScript(main);
