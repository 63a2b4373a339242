import Type from 'typebox';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

import { ListNotificationsSinceRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { METRICS, observeGauge } from '@atlas/observability';

import { resolveProfileId } from '../auth/development-profile';
import { actingFor } from '../routes/acting-for';
import { STANDARD_ERRORS } from '../schemas/common.schema';
import { NotificationStream } from './notification-stream';
import { SseWriter } from './sse-writer';

import type { GatewayConfig } from '../config';
import type { NotificationFeed } from './notification-feed';
import type { ReplaySource } from './notification-stream';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_RETRY_MS = 3_000;

/** Reads the id the client saw last: the `Last-Event-ID` header, or `lastEventId` for clients that cannot set it. */
function lastEventIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown> | undefined)?.lastEventId;
  let value: unknown = query;
  if (typeof header === 'string' && header !== '') value = header;
  if (typeof value === 'string' && UUID.test(value)) return value;
  return undefined;
}

function replayFrom(app: FastifyInstance, profileId: string, actor: Actor): ReplaySource {
  return (afterId) =>
    app.eventBus.call(ListNotificationsSinceRpc, { actor, profileId, lastEventId: afterId });
}

/**
 * Resolves whose notifications the caller may stream: a signed-in caller's own profile, or one they
 * act for (`profileId` query, same rules as every route). Where `ATLAS_GATEWAY_DEV_IDENTITY` is on,
 * the development header names the profile instead.
 */
async function streamedProfile(
  request: FastifyRequest,
  config: GatewayConfig,
): Promise<{ profileId: string; actor: Actor }> {
  if (!config.developmentIdentity) {
    const requested = (request.query as Record<string, unknown> | undefined)?.profileId;
    const { profileId, actor } = await actingFor(
      request,
      typeof requested === 'string' ? requested : undefined,
    );
    return { profileId, actor };
  }
  const profileId = resolveProfileId(request, true);
  return { profileId, actor: { role: 'researcher', onBehalfOf: profileId } };
}

/** The open streams of this process, ended before the server closes so that closing does not wait on them. */
type OpenStreams = Set<() => void>;

async function streamNotifications(
  app: FastifyInstance,
  feed: NotificationFeed,
  config: GatewayConfig,
  open: OpenStreams,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { profileId, actor } = await streamedProfile(request, config);
  const log = request.log.child({ profileId }) as unknown as Logger;
  const writer = new SseWriter(reply.raw);
  const stream = new NotificationStream(writer, log);
  const heartbeat = setInterval(() => writer.heartbeat(), config.sseHeartbeatMs);
  const end = () => {
    clearInterval(heartbeat);
    open.delete(end);
    writer.end();
    stream
      .close()
      .catch((error: unknown) => log.warn({ err: error }, 'Closing a notification stream failed'));
  };
  open.add(end);
  reply.raw.on('close', end);

  reply.hijack();
  // The server's idle-socket timeout (10 s) is shorter than the heartbeat interval, and it would cut
  // every quiet stream. A stream ends when the client leaves or the server closes, so it gets none.
  request.raw.socket.setTimeout(0);
  writer.open(CLIENT_RETRY_MS);
  try {
    await stream.start(feed, profileId, lastEventIdOf(request), replayFrom(app, profileId, actor), end);
  } catch (error) {
    // The status line is already sent, so the stream ends and the client reconnects with its Last-Event-ID.
    log.error({ err: error }, 'Replaying missed notifications failed; ending the stream');
    end();
  }
}

/**
 * Registers `GET /notifications/stream`: server-sent events of the caller's new notifications, each
 * with its notification id as the event id, replaying what was missed after `Last-Event-ID` first.
 */
export function registerNotificationStreamRoute(
  app: FastifyInstance,
  feed: NotificationFeed,
  config: GatewayConfig,
) {
  const open: OpenStreams = new Set();
  const stopGauge = observeGauge(
    METRICS.gatewaySseClients,
    async () => [[open.size, {}]],
    (error) => app.log.warn({ err: error }, 'reading the open stream count failed'),
  );
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.addHook('onClose', async () => stopGauge());
  // With the development identity on, the route is public and reads the development header;
  // otherwise the authentication hook requires a session or a token.
  const access = config.developmentIdentity ? 'public' : 'signed-in';
  app.get(
    '/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'streamNotifications',
        summary: 'New notifications as server-sent events, after those missed since Last-Event-ID',
        description:
          'Each event carries one notification, with the notification id as the event id. A client that ' +
          'reconnects with Last-Event-ID (or a `lastEventId` query field) first receives the notifications ' +
          'created after that one. Comment lines sent as heartbeats keep idle connections open.',
        response: {
          200: {
            description: 'An event stream that stays open, with one event per notification',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...STANDARD_ERRORS,
        },
      },
      config: { access, scope: 'notifications:read' },
    },
    (request, reply) => streamNotifications(app, feed, config, open, request, reply),
  );
}
