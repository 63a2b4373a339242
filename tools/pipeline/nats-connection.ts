import { connect } from '@nats-io/transport-node';

import type { NatsConnection } from '@nats-io/nats-core';

/** Connects a command-line tool to NATS, to call the services' operations and read stream state. */
export function connectTool(natsUrl: string, name: string): Promise<NatsConnection> {
  return connect({ servers: natsUrl.split(','), name });
}
