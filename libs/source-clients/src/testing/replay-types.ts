/** A recorded response served by the replay server. */
export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * A scripted misbehaviour, used once per request in order before the route's recorded response:
 * - `status`: answer with this status (and `Retry-After` when given);
 * - `delay`: wait before sending the recorded response;
 * - `stall`: send the headers and the first `afterBytes` of the body, then hold the connection;
 * - `truncate`: announce the full length, send `bytes` of the body, then drop the connection;
 * - `garbage`: respond 200 with this body;
 * - `replace`: answer with another response (an altered copy of the record).
 */
export type ReplayFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'stall'; afterBytes: number; ms: number }
  | { kind: 'truncate'; bytes: number }
  | { kind: 'garbage'; body: string; contentType?: string }
  | { kind: 'replace'; response: ReplayResponse };

/** A route: a GET path and the query parameters a request must carry to match it. */
export interface ReplayRoute {
  /** Decoded path, e.g. `/works` or `/works/10.1016/j.tcs.2015.06.001`. */
  path: string;
  /** Parameters the request must contain with these values; other parameters are ignored. */
  query?: Record<string, string>;
  /** Accept header the request must name (part of the value), to serve JSON and XML on one path. */
  accept?: string;
  response: ReplayResponse;
  faults?: ReplayFault[];
}

/** One request received by the replay server. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Milliseconds since the epoch when the request arrived. */
  receivedAt: number;
  /** Outcome of the request: `recorded`, the fault kind played, or `unmatched`. */
  outcome: string;
}
