/**
 * The public event contract for outside systems: the AsyncAPI document of the public events and the
 * NATS users and permissions that limit outside systems to those subjects.
 */
export { buildAsyncApiDocument, messageName, PUBLIC_CONTRACT_VERSION } from './asyncapi-document';
export { publicConsumerName, publicSubscriberPermissions } from './nats-permissions';
export type { NatsPermissions } from './nats-permissions';
export {
  LOCAL_PUBLIC_SUBSCRIBER,
  localNatsAuthorization,
  productionNatsAuthorization,
  renderNatsAuthorization,
} from './nats-authorization';
export type { NatsAuthorizationOptions, NatsUser } from './nats-authorization';
export { PUBLIC_EVENT_FILES, renderPublicEventFiles } from './generated-files';
export { auditPublicMessage, auditPublicStream } from './published-payload-audit';
export type { PayloadProblem } from './published-payload-audit';
