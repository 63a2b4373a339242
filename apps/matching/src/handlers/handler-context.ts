import type { FastifyBaseLogger } from 'fastify';

import type { MatchingSettings } from '../domain/matching-settings';
import type { PayloadFetcher } from '../services/work-content';

/** Dependencies every event handler of the service needs besides the event and its transaction. */
export interface HandlerContext {
  settings: MatchingSettings;
  /** Reads payloads that events carry by reference. */
  fetchPayload: PayloadFetcher;
  log: FastifyBaseLogger;
}
