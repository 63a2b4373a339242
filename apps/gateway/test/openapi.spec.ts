import SwaggerParser from '@apidevtools/swagger-parser';

import { HTTP_STATUS_BY_RPC_CODE } from '../src/domain/rpc-status';
import { startGateway } from './gateway-harness';

import type { GatewayHarness } from './gateway-harness';

/** The parts of an OpenAPI 3.1 operation these checks read. */
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

type Document = {
  openapi: string;
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
};

/** Statuses whose responses carry no body, so they need no content schema. */
const BODILESS = new Set(['204', '301', '302', '303', '304', '307', '308']);

/** Routes served by the gateway alone (sessions in Redis, a static document), calling no service. */
const ROUTES_WITHOUT_SERVICES = new Set(['GET /auth/session', 'POST /auth/logout', 'GET /asyncapi.json']);

let gateway: GatewayHarness;
let document: Document;

beforeAll(async () => {
  gateway = await startGateway();
  const response = await fetch(`${gateway.baseUrl}/openapi.json`);
  document = (await response.json()) as Document;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

function operations(): { name: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

/** Statuses an operation must declare, from what it accepts and whether it needs a caller. */
function requiredStatuses(operation: Operation): string[] {
  const required = ['500'];
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) required.push('400');
  const isPublic = operation.security !== undefined && operation.security.length === 0;
  if (!isPublic) required.push('401', '403');
  return required;
}

describe('OpenAPI document', () => {
  it('passes the OpenAPI 3.1 validator', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('names and tags every operation', () => {
    const declaredTags = new Set((document.tags ?? []).map((tag) => tag.name));
    const seenIds = new Map<string, string>();
    const problems: string[] = [];
    for (const { name, operation } of operations()) {
      if (!operation.summary) problems.push(`${name} has no summary`);
      const id = operation.operationId;
      if (!id) problems.push(`${name} has no operationId`);
      else if (!/^[a-z][A-Za-z]+$/.test(id)) problems.push(`${name} operationId ${id} is not camelCase`);
      else if (seenIds.has(id)) problems.push(`${name} reuses operationId ${id} of ${seenIds.get(id)}`);
      if (id) seenIds.set(id, name);
      if (!operation.tags?.length) problems.push(`${name} has no tag`);
      for (const tag of operation.tags ?? []) {
        if (!declaredTags.has(tag))
          problems.push(`${name} has tag ${tag}, which the document does not declare`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes every declared tag', () => {
    const undescribed = (document.tags ?? []).filter((tag) => !tag.description).map((tag) => tag.name);
    expect(document.tags?.length).toBeGreaterThan(0);
    expect(undescribed).toEqual([]);
  });

  it('states the token scope of signed-in operations', () => {
    const descriptions = Object.fromEntries(
      operations().map(({ name, operation }) => [name, operation.description]),
    );
    expect(descriptions['GET /candidates']).toMatch(/API tokens need the `candidates:read` scope\.$/);
    expect(descriptions['POST /admin/tokens']).toMatch(/API tokens need the `admin` scope\.$/);
    expect(descriptions['GET /export']).toMatch(/API tokens need the `export` scope\.$/);
    expect(descriptions['GET /public/profiles/{profileId}/works']).not.toMatch(/scope/);
  });

  it('gives each response a schema', () => {
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (BODILESS.has(status)) continue;
        const schemas = Object.values(response.content ?? {}).filter((media) => media.schema !== undefined);
        if (schemas.length === 0) missing.push(`${name} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares the errors every route may return', () => {
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      for (const status of requiredStatuses(operation)) {
        if (!operation.responses[status]) missing.push(`${name} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares every status a service error maps to on routes calling services', () => {
    // 401 and 403 are left to the rule above: a service returns them only for the caller the gateway
    // authenticated, and public routes send none.
    const serviceStatuses = Object.entries(HTTP_STATUS_BY_RPC_CODE)
      .filter(([code]) => code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN')
      .map(([, status]) => String(status));
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      if (ROUTES_WITHOUT_SERVICES.has(name)) continue;
      for (const status of new Set(serviceStatuses)) {
        if (!operation.responses[status]) missing.push(`${name} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
