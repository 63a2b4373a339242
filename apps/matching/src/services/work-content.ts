import { createHash } from 'node:crypto';

import { jetstream } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';

import type { NatsConnection } from '@nats-io/nats-core';
import type { Static, TSchema } from 'typebox';

import { compileValidator } from '@atlas/contracts';
import type { PayloadReference } from '@atlas/contracts';

import { MatchingError } from '../domain/matching-error';

/** Content of an event that is inline, or in the object store when it may exceed the message cap. */
export type InlineOrReference<Value> =
  { kind: 'inline'; value: Value } | { kind: 'reference'; reference: PayloadReference };

/** Reads the bytes a payload reference points at. */
export type PayloadFetcher = (reference: PayloadReference) => Promise<Uint8Array>;

/** Builds a fetcher that reads references from the JetStream object store of the connection. */
export function objectStoreFetcher(connected: () => Promise<NatsConnection>): PayloadFetcher {
  return async (reference) => {
    const store = await new Objm(jetstream(await connected())).open(reference.bucket);
    const bytes = await store.getBlob(reference.name);
    if (!bytes)
      throw new MatchingError(
        'MATCHING_ERR_WORK_REFERENCE',
        `Payload ${reference.bucket}/${reference.name} is missing or expired.`,
      );
    return bytes;
  };
}

/** Returns the inline value, or fetches the referenced one, checks its digest and validates it against `schema`. */
export async function resolveContent<Schema extends TSchema>(
  content: InlineOrReference<Static<Schema>>,
  schema: Schema,
  fetch: PayloadFetcher,
): Promise<Static<Schema>> {
  if (content.kind === 'inline') return content.value;
  const { reference } = content;
  const bytes = await fetch(reference);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (digest !== reference.digest)
    throw new MatchingError(
      'MATCHING_ERR_WORK_REFERENCE',
      `Payload ${reference.bucket}/${reference.name} has digest ${digest}, not ${reference.digest}.`,
    );
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new MatchingError('MATCHING_ERR_WORK_INVALID', `Payload ${reference.name} is not JSON.`, {
      cause: error,
    });
  }
  const validator = compileValidator(schema);
  if (!validator.check(value)) {
    const first = validator.errors(value)[0];
    throw new MatchingError(
      'MATCHING_ERR_WORK_INVALID',
      `Payload ${reference.name} fails its schema at ${first?.path ?? '/'}: ${first?.message ?? 'invalid'}.`,
    );
  }
  return value;
}
