import { createHash } from 'node:crypto';

import type { EventDefinition } from '../event-definition';
import type { RpcDefinition } from '../rpc-definition';

/** SHA-256 of a value's JSON text, `sha256:<hex>`. */
function digest(value: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;
}

/** Fingerprint of an event contract: the digest of its payload schema. */
export function fingerprintEvent(definition: EventDefinition): string {
  return digest({ public: definition.public, schema: definition.schema });
}

/** Fingerprint of an operation contract: the digest of its request and result schemas. */
export function fingerprintRpc(definition: RpcDefinition): string {
  return digest({ request: definition.request, result: definition.result });
}
