import {
  DecisionRecordedV1,
  ProfileChangedV1,
  ProfileErasedV1,
  RecordRemovedV1,
  RecordStoredV1,
  RecordUpdatedV1,
  WorkConfirmedV1,
} from '@atlas/contracts';
import { eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import { buildMatchingSettings } from './domain/matching-settings';
import { applyDecisionRecorded, applyWorkConfirmed } from './handlers/feedback-handlers';
import { applyProfileChanged, applyProfileErased } from './handlers/profile-handlers';
import { applyRecordRemoved, applyRecordVersion } from './handlers/record-handlers';
import { matchingRpcHandlers } from './handlers/rpc-handlers';
import { objectStoreFetcher } from './services/work-content';

import type { MatchingConfig } from './config';
import type { HandlerContext } from './handlers/handler-context';

/**
 * Registers the matching service on a server: it keeps a read model of profiles and the records it
 * has seen, scores record positions against the profiles they block with, and publishes proposals.
 */
const matchingApp: ServiceApp<MatchingConfig> = async (app, { config }) => {
  const settings = buildMatchingSettings({
    suggest: config.suggestThreshold,
    autoConfirmFloor: config.autoConfirmFloor,
    autoReject: config.autoRejectThreshold,
  });
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-matching',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-matching' });
  await app.register(eventBusPlugin, {
    service: 'matching',
    schema: 'matching',
    streamReplicas: config.natsStreamReplicas,
  });

  const context: HandlerContext = {
    settings,
    fetchPayload: objectStoreFetcher(() => app.natsConnected()),
    log: app.log.child({ component: 'matching' }),
  };
  const bus = app.eventBus;
  bus.consume(RecordStoredV1, (event, tx) => applyRecordVersion(event, tx, context));
  bus.consume(RecordUpdatedV1, (event, tx) => applyRecordVersion(event, tx, context));
  bus.consume(RecordRemovedV1, (event, tx) => applyRecordRemoved(event, tx));
  bus.consume(ProfileChangedV1, (event, tx) => applyProfileChanged(event, tx, context));
  bus.consume(ProfileErasedV1, (event, tx) => applyProfileErased(event, tx, context));
  bus.consume(DecisionRecordedV1, (event, tx) => applyDecisionRecorded(event, tx, context));
  bus.consume(WorkConfirmedV1, (event, tx) => applyWorkConfirmed(event, tx, context));

  const background = new Set<Promise<void>>();
  bus.serve(
    matchingRpcHandlers({
      pool: () => app.pg,
      eventBus: () => app.eventBus,
      context,
      track: (task) => {
        background.add(task);
        void task.finally(() => background.delete(task));
      },
    }),
  );
  app.addHook('onClose', async () => {
    await Promise.allSettled([...background]);
  });
};

export default matchingApp;
