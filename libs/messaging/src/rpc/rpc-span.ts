import type { SpanKind } from '@opentelemetry/api';

import type { RpcDefinition } from '@atlas/contracts';

import type { MessagingSpanOptions } from '../tracing/message-tracing';

/**
 * Names a span of one operation `<service>/<operation>` and sets the attributes of the
 * OpenTelemetry RPC conventions, with `nats` as the RPC system.
 */
export function rpcSpan(definition: RpcDefinition, kind: SpanKind): MessagingSpanOptions {
  return {
    name: `${definition.service}/${definition.operation}`,
    kind,
    attributes: {
      'rpc.system': 'nats',
      'rpc.service': definition.service,
      'rpc.method': definition.operation,
      'messaging.destination.name': definition.subject,
    },
  };
}
