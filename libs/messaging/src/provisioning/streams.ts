import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';

import { streamName } from '@atlas/contracts';

import type { ServiceName } from '@atlas/contracts';

import { MessagingError } from '../errors';

/** Retention settings of a stream. */
export interface StreamRetentionOptions {
  /** How long the stream keeps a message, in seconds. */
  maxAgeSeconds: number;
  /** How long the server remembers a `Nats-Msg-Id` to drop a second publish, in seconds. */
  duplicateWindowSeconds: number;
  /** How many nodes of a NATS cluster keep a copy of the stream; 1 when absent. */
  replicas?: number;
}

/** Name of the stream that keeps dead letters of every consumer. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

function differs(wanted: Partial<StreamConfig>, current: StreamConfig): boolean {
  return Object.entries(wanted).some(
    ([key, value]) => JSON.stringify(current[key as keyof StreamConfig]) !== JSON.stringify(value),
  );
}

/** Creates a stream, or updates it when the settings we own differ from those on the server. */
async function ensureStreamConfig(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  try {
    const info = await jsm.streams.info(config.name).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!info) return await jsm.streams.add(config);
    if (info.config.storage !== config.storage) {
      throw new MessagingError(
        'MESSAGING_ERR_PROVISIONING_FAILED',
        `Stream ${config.name} uses ${info.config.storage} storage; storage cannot change in place.`,
      );
    }
    if (!differs(config, info.config)) return info;
    return await jsm.streams.update(config.name, { ...info.config, ...config });
  } catch (error) {
    if (error instanceof MessagingError) throw error;
    throw new MessagingError(
      'MESSAGING_ERR_PROVISIONING_FAILED',
      `Failed to provision stream ${config.name}`,
      {
        cause: error,
      },
    );
  }
}

/** Ensures the stream of a publishing service: subjects `atlas.<service>.>`, file storage, age limit. */
export async function ensureStream(
  jsm: JetStreamManager,
  service: ServiceName,
  options: StreamRetentionOptions,
) {
  return ensureStreamConfig(jsm, {
    name: streamName(service),
    // Events have five tokens (atlas.<service>.<entity>.<event>.v<N>) and operations four
    // (atlas.<service>.rpc.<operation>), so the stream never captures a request.
    subjects: [`atlas.${service}.*.*.*`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(options.maxAgeSeconds * 1_000),
    duplicate_window: nanos(options.duplicateWindowSeconds * 1_000),
    num_replicas: options.replicas ?? 1,
  });
}

/** Ensures the stream that keeps dead letters (`atlas.dlq.>`) for people to inspect and replay. */
export async function ensureDeadLetterStream(jsm: JetStreamManager, options: StreamRetentionOptions) {
  return ensureStreamConfig(jsm, {
    name: DEAD_LETTER_STREAM,
    subjects: ['atlas.dlq.>'],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(options.maxAgeSeconds * 1_000),
    duplicate_window: nanos(options.duplicateWindowSeconds * 1_000),
    num_replicas: options.replicas ?? 1,
  });
}
