import Type from 'typebox';

import type { Static, TSchema } from 'typebox';

import { literalUnion } from './common/literal-union';

import type { ServiceName } from './envelope';

/** Error codes a reply may carry; the gateway maps each to an HTTP status. */
export const RPC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

/** The error half of a reply: a stable code, a message for people, and structured details. */
export const RpcErrorSchema = Type.Object({
  code: literalUnion(RPC_ERROR_CODES),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type RpcError = Static<typeof RpcErrorSchema>;

/** A reply carries either the result or an error, never both. */
export function RpcReplySchema<Result extends TSchema>(result: Result) {
  return Type.Union([
    Type.Object({ ok: Type.Literal(true), result }),
    Type.Object({ ok: Type.Literal(false), error: RpcErrorSchema }),
  ]);
}
export type RpcReply<Result> = { ok: true; result: Result } | { ok: false; error: RpcError };

/** One request/reply operation served through the NATS services framework. */
export interface RpcDefinition<Request extends TSchema = TSchema, Result extends TSchema = TSchema> {
  service: ServiceName;
  /** Operation name, lower camel case, e.g. `getQueue`. */
  operation: string;
  /** Subject `atlas.<service>.rpc.<operation>`. */
  subject: string;
  request: Request;
  result: Result;
}

export type RpcRequest<Definition extends RpcDefinition> = Static<Definition['request']>;
export type RpcResult<Definition extends RpcDefinition> = Static<Definition['result']>;

/** Builds a request/reply definition, deriving its subject. */
export function defineRpc<Request extends TSchema, Result extends TSchema>(parts: {
  service: ServiceName;
  operation: string;
  request: Request;
  result: Result;
}): RpcDefinition<Request, Result> {
  return { ...parts, subject: `atlas.${parts.service}.rpc.${parts.operation}` };
}
