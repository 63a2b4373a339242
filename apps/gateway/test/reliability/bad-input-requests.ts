import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { AccessWorld, Person } from './access-world';
import type { ReliabilityStack } from './reliability-stack';

/** Folder of the bad-input corpus: case files and their manifests. */
export const CORPUS_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tools',
  'reliability',
  'bad-input',
);

/** Outcome a case expects: a refusal naming the value, or acceptance that returns text verbatim. */
export interface HttpExpectation {
  status: number;
  /** Error code of a refusal; null when any code of the status is right. */
  code?: string | null;
  /** Strings the error message or details must contain, so the client sees what to fix. */
  mentions?: string[];
  /** Strings an accepted response must return unchanged. */
  verbatim?: string[];
}

/** One HTTP case of the manifest. */
export interface HttpCase {
  id: string;
  file: string;
  about: string;
  expect: HttpExpectation;
}

/** A request as a case file describes it. Bodies may use the generators `$repeat` and `$uuids`. */
interface CaseRequest {
  as: 'researcherB' | 'admin';
  method: string;
  path: string;
  contentType?: string;
  body?: unknown;
  bodyText?: string;
  bodyBase64?: string;
}

/** Reads the HTTP cases of the manifest. */
export function loadHttpCases(): HttpCase[] {
  const manifest = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'http-manifest.json'), 'utf8')) as {
    cases: HttpCase[];
  };
  return manifest.cases;
}

/** Expands the generators that keep large inputs small on disk. */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object['$repeat'] === 'string') return object['$repeat'].repeat(Number(object['times']));
  if (typeof object['$uuids'] === 'number')
    return Array.from({ length: object['$uuids'] }, () => randomUUID());
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, expand(inner)]));
}

/**
 * Fills `{pendingCandidateId}`-style placeholders, `{repeat:A:5000}` runs and `{nest:key:5000}`
 * nested objects in a path or body text.
 */
function fill(text: string, world: AccessWorld): string {
  return text
    .replace(/\{nest:([a-z]+):(\d+)\}/g, (_match, key: string, depth: string) => {
      const levels = Number(depth);
      return `${`{"${key}": `.repeat(levels)}{}${'}'.repeat(levels)}`;
    })
    .replace(/\{repeat:([^:}]+):(\d+)\}/g, (_match, unit: string, times: string) =>
      unit.repeat(Number(times)),
    )
    .replace(/\{pendingCandidateId\}/g, world.foreign.pendingCandidateId)
    .replace(/\{decidedCandidateId\}/g, world.foreign.decidedCandidateId);
}

/** Sends the request of one case file and returns the response status and text. */
export async function sendCase(
  stack: ReliabilityStack,
  world: AccessWorld,
  testCase: HttpCase,
): Promise<{ status: number; text: string }> {
  const request = JSON.parse(readFileSync(path.join(CORPUS_DIR, testCase.file), 'utf8')) as CaseRequest;
  const person: Person = request.as === 'admin' ? world.admin : world.researcherB;
  const headers: Record<string, string> = { cookie: person.cookie, 'x-csrf-token': person.csrfToken };
  let body: string | Buffer | undefined;
  if (request.bodyBase64 !== undefined) body = Buffer.from(request.bodyBase64, 'base64');
  else if (request.bodyText !== undefined) body = fill(request.bodyText, world);
  else if (request.body !== undefined) body = fill(JSON.stringify(expand(request.body)), world);
  if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';

  const response = await fetch(`${stack.gatewayUrl}${fill(request.path, world)}`, {
    method: request.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text() };
}
