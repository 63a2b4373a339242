import type { SourceHttp, TextResponse } from './source-http';

/** JSON object as decoded from a response. */
export type JsonObject = Record<string, unknown>;

/** Decodes a JSON object body, raising the invalid-response error (naming the URL) on anything else. */
export function parseJsonObject(http: SourceHttp, response: TextResponse): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch (cause) {
    throw http.invalidResponse(response.url, `body is not JSON (${describeBody(response)})`, cause);
  }
  if (!isObject(value)) throw http.invalidResponse(response.url, 'body is not a JSON object');
  return value;
}

/** Returns `document[key]` when it is an array of objects, raising the invalid-response error otherwise. */
export function objectArray(http: SourceHttp, url: string, document: JsonObject, key: string): JsonObject[] {
  const value = document[key];
  if (!Array.isArray(value) || !value.every(isObject))
    throw http.invalidResponse(url, `field "${key}" is missing or not an array of objects`);
  return value;
}

/** Tells whether a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeBody(response: TextResponse): string {
  const start = response.body.slice(0, 60).replace(/\s+/g, ' ');
  return `${response.body.length} characters, content type "${response.contentType}", starting "${start}"`;
}
