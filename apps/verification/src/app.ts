import { jetstream } from '@nats-io/jetstream';

import { eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';
import { CandidatesProposedV1, RecordRemovedV1, RecordStoredV1, RecordUpdatedV1 } from '@atlas/contracts';

import type { ServiceApp } from '@atlas/service-runtime';

import { candidateHandlers, rawVersionsFromIngest } from './handlers/candidate.handlers';
import { decisionHandlers } from './handlers/decision.handlers';
import { publicWorksHandlers } from './handlers/public-works.handlers';
import { exportHandlers } from './handlers/export.handlers';
import { identityHandlers } from './handlers/identity.handlers';
import { importHandlers, rawRecordsFromIngest } from './handlers/import.handlers';
import { profileHandlers } from './handlers/profile.handlers';
import { queryHandlers } from './handlers/query.handlers';
import { workHandlers } from './handlers/work.handlers';
import {
  onCandidatesProposed,
  onRecordRemoved,
  onRecordStored,
  onRecordUpdated,
} from './handlers/record-events.handlers';

import { observeQueueSize } from './services/verification-metrics';

import type { VerificationConfig } from './config';

/** Registers the verification service: its consumers of proposals and record events, and its operations. */
const verificationApp: ServiceApp<VerificationConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-verification',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-verification' });
  await app.register(eventBusPlugin, {
    service: 'verification',
    schema: 'verification',
    streamReplicas: config.natsStreamReplicas,
  });

  const policy = { systemFloor: config.autoConfirmFloor, rejectCeiling: config.autoRejectCeiling };
  app.eventBus.consume(RecordStoredV1, onRecordStored);
  app.eventBus.consume(RecordUpdatedV1, onRecordUpdated);
  app.eventBus.consume(RecordRemovedV1, onRecordRemoved);
  app.eventBus.consume(CandidatesProposedV1, onCandidatesProposed(policy));

  const pool = () => app.pg;
  const stopQueueSize = observeQueueSize(pool, app.log);
  app.addHook('onClose', async () => stopQueueSize());
  app.eventBus.serve([
    ...decisionHandlers(pool),
    ...queryHandlers(pool),
    ...profileHandlers(pool, config.autoConfirmFloor),
    ...identityHandlers(pool),
    ...workHandlers(pool),
    ...exportHandlers(pool, async () => jetstream(await app.natsConnected())),
    ...publicWorksHandlers(pool),
    ...candidateHandlers(
      pool,
      rawVersionsFromIngest((definition, request) => app.eventBus.call(definition, request)),
    ),
    ...importHandlers(
      pool,
      rawRecordsFromIngest((definition, request) => app.eventBus.call(definition, request)),
    ),
  ]);
};

export default verificationApp;
