import {
  EventMetadataSchema,
  FORBIDDEN_PUBLIC_PROPERTY,
  PUBLIC_EVENTS,
  findEventBySubject,
} from '@atlas/contracts';
import { validateAgainst } from '@atlas/messaging';

import type { JetStreamManager } from '@nats-io/jetstream';

/** One problem found in a message stored on a public subject. */
export interface PayloadProblem {
  subject: string;
  sequence: number;
  problem: string;
}

/** Lists the paths of properties whose names look private (e-mail, notes, evidence), at any depth. */
function privatePaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => privatePaths(item, `${path}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = `${path}/${key}`;
    return FORBIDDEN_PUBLIC_PROPERTY.test(key)
      ? [here, ...privatePaths(child, here)]
      : privatePaths(child, here);
  });
}

/** Checks one stored message body of a public subject against its contract and the no-private-data rule. */
export function auditPublicMessage(subject: string, body: unknown): string[] {
  const definition = findEventBySubject(subject);
  if (!definition?.public) return [`${subject} is not a public event subject`];
  const { data, ...metadata } = (body ?? {}) as Record<string, unknown>;
  const issues = [
    ...validateAgainst(EventMetadataSchema, metadata),
    ...validateAgainst(definition.schema, data),
  ];
  return [
    ...issues.map((issue) => `invalid at ${issue.path || '/'}: ${issue.message}`),
    ...privatePaths(body).map((path) => `private property at ${path}`),
  ];
}

/**
 * Reads every message stored on the public subjects of a stream and returns the problems found: a
 * payload outside its schema, or an e-mail address, note or evidence property anywhere in it.
 */
export async function auditPublicStream(jsm: JetStreamManager, stream: string): Promise<PayloadProblem[]> {
  const publicSubjects = new Set(
    PUBLIC_EVENTS.filter((event) => event.stream === stream).map((event) => event.subject),
  );
  const info = await jsm.streams.info(stream);
  const problems: PayloadProblem[] = [];
  for (let sequence = info.state.first_seq; sequence <= info.state.last_seq; sequence += 1) {
    const message = await jsm.streams.getMessage(stream, { seq: sequence }).catch(() => null);
    if (!message || !publicSubjects.has(message.subject)) continue;
    let body: unknown;
    try {
      body = message.json();
    } catch {
      problems.push({ subject: message.subject, sequence, problem: 'body is not JSON' });
      continue;
    }
    for (const problem of auditPublicMessage(message.subject, body))
      problems.push({ subject: message.subject, sequence, problem });
  }
  return problems;
}
