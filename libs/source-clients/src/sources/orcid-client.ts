import type { SourceClientOptions } from '../http/client-options';
import type { JsonObject } from '../http/json-body';
import { isObject, objectArray, parseJsonObject } from '../http/json-body';
import { SourceHttp } from '../http/source-http';
import type { TextResponse } from '../http/source-http';
import { parseXmlDocument } from '../http/xml-body';

/** Works list of an ORCID record, with the groups changed since the requested time. */
export interface OrcidWorks {
  /** `last-modified-date` of the whole works section (ms since epoch), when present. */
  lastModified: number | undefined;
  /** Work groups as ORCID returned them, filtered by `modifiedSince` when it was given. */
  groups: JsonObject[];
  /** Number of groups in the response before filtering. */
  totalGroups: number;
  url: string;
}

/** ORCID's public API allows 24 requests per second with bursts of 40. */
const ORCID_RATE = { ratePerSecond: 24, burst: 40 };
/** ORCID serves at most 100 works per bulk request. */
export const ORCID_BULK_LIMIT = 100;
const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';

/** Client of the ORCID public API v3.0 (`https://pub.orcid.org/v3.0`). */
export class OrcidClient {
  readonly http: SourceHttp;

  constructor(options: SourceClientOptions) {
    this.http = new SourceHttp('orcid', options, ORCID_RATE);
  }

  /**
   * Fetches `/{orcid}/works`. With `modifiedSince` (ms since epoch) only groups whose
   * `last-modified-date` is later are returned, because the API has no server-side filter.
   */
  async works(orcid: string, options: { modifiedSince?: number } = {}): Promise<OrcidWorks> {
    const response = await this.http.getText(this.http.url(`${orcid}/works`), JSON_TYPE);
    const document = parseJsonObject(this.http, response);
    const groups = objectArray(this.http, response.url, document, 'group');
    const since = options.modifiedSince;
    const changed =
      since === undefined ? groups : groups.filter((group) => (lastModified(group) ?? Infinity) > since);
    return {
      lastModified: lastModified(document),
      groups: changed,
      totalGroups: groups.length,
      url: response.url,
    };
  }

  /** Fetches one work, `/{orcid}/work/{put-code}`. */
  async work(orcid: string, putCode: string | number): Promise<JsonObject> {
    const response = await this.http.getText(this.http.url(`${orcid}/work/${putCode}`), JSON_TYPE);
    const document = parseJsonObject(this.http, response);
    if (document['put-code'] === undefined)
      throw this.http.invalidResponse(response.url, 'work has no "put-code"');
    return document;
  }

  /**
   * Fetches works in bulk, `/{orcid}/works/{put-codes}`, in requests of at most 100 put-codes.
   * Yields the `bulk` entries in order: `{ work }`, or `{ error }` for a missing put-code.
   */
  async *bulkWorks(orcid: string, putCodes: readonly (string | number)[]): AsyncGenerator<JsonObject> {
    for (let start = 0; start < putCodes.length; start += ORCID_BULK_LIMIT) {
      const codes = putCodes.slice(start, start + ORCID_BULK_LIMIT).join(',');
      const response = await this.http.getText(this.http.url(`${orcid}/works/${codes}`), JSON_TYPE);
      yield* objectArray(this.http, response.url, parseJsonObject(this.http, response), 'bulk');
    }
  }

  /** Fetches the person section, `/{orcid}/person` (names, other names, identifiers, keywords). */
  async person(orcid: string): Promise<JsonObject> {
    const response = await this.http.getText(this.http.url(`${orcid}/person`), JSON_TYPE);
    const document = parseJsonObject(this.http, response);
    if (!isObject(document.name) && document.path === undefined)
      throw this.http.invalidResponse(response.url, 'person has neither "name" nor "path"');
    return document;
  }

  /** Fetches any API path (e.g. `{orcid}/works`) as XML; the body is checked to be well-formed. */
  async xml(path: string): Promise<TextResponse> {
    const response = await this.http.getText(this.http.url(path), XML_TYPE);
    parseXmlDocument(this.http, response);
    return response;
  }
}

/** Reads `last-modified-date.value` (ms since epoch) of an ORCID section or group. */
function lastModified(node: JsonObject): number | undefined {
  const date = node['last-modified-date'];
  return isObject(date) && typeof date.value === 'number' ? date.value : undefined;
}
