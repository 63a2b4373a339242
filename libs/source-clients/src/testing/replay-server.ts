import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LoggedRequest, ReplayFault, ReplayResponse, ReplayRoute } from './replay-types';

interface ActiveRoute extends ReplayRoute {
  faults: ReplayFault[];
}

/**
 * HTTP server on 127.0.0.1 (random port) that replays recorded source responses by method, path
 * and query, plays scripted faults per route, and logs every request. For tests only.
 */
export class ReplayServer {
  /** Every request received, in arrival order. */
  readonly requests: LoggedRequest[] = [];
  private readonly routes: ActiveRoute[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {}

  /** Starts a server on a random loopback port. */
  static async start(): Promise<ReplayServer> {
    const server = createServer();
    const replay = new ReplayServer(server);
    server.on('request', (request, response) => replay.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return replay;
  }

  /** Base URL of the server with an optional path prefix, e.g. `http://127.0.0.1:PORT/v3.0`. */
  url(prefix = ''): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${prefix}`;
  }

  /** Adds a route; a later route with as many matching parameters wins over an earlier one. */
  route(route: ReplayRoute): void {
    this.routes.push({ ...route, faults: [...(route.faults ?? [])] });
  }

  /** Removes all routes and the request log, keeping the server running. */
  reset(): void {
    this.routes.length = 0;
    this.requests.length = 0;
  }

  /** Requests whose path is `path`. */
  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Stops the server, dropping open connections. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(parsed.pathname);
    const route = this.findRoute(path, parsed.searchParams, String(request.headers.accept ?? ''));
    const fault = route?.faults.shift();
    this.requests.push({
      method: request.method ?? 'GET',
      path,
      query: parsed.searchParams,
      headers: request.headers,
      receivedAt: Date.now(),
      outcome: route ? (fault?.kind ?? 'recorded') : 'unmatched',
    });
    if (!route || request.method !== 'GET') {
      send(response, { status: 404, body: JSON.stringify({ error: `no recorded response for ${path}` }) });
      return;
    }
    this.respond(response, route.response, fault);
  }

  private findRoute(path: string, query: URLSearchParams, accept: string): ActiveRoute | undefined {
    let best: ActiveRoute | undefined;
    let bestScore = -1;
    for (const route of this.routes) {
      if (route.path !== path || (route.accept && !accept.includes(route.accept))) continue;
      const expected = Object.entries(route.query ?? {});
      if (!expected.every(([name, value]) => query.get(name) === value)) continue;
      const score = expected.length + (route.accept ? 1 : 0);
      if (score >= bestScore) [best, bestScore] = [route, score];
    }
    return best;
  }

  private respond(response: ServerResponse, recorded: ReplayResponse, fault: ReplayFault | undefined): void {
    switch (fault?.kind) {
      case undefined:
        return send(response, recorded);
      case 'status': {
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
        return send(response, {
          status: fault.status,
          headers,
          body: fault.body ?? `status ${fault.status}`,
        });
      }
      case 'delay':
        return this.later(fault.ms, () => send(response, recorded));
      case 'stall':
        return this.stall(response, recorded, fault.afterBytes, fault.ms);
      case 'truncate':
        return truncate(response, recorded, fault.bytes);
      case 'garbage':
        return send(response, {
          headers: { 'content-type': fault.contentType ?? 'application/json' },
          body: fault.body,
        });
      case 'replace':
        return send(response, fault.response);
    }
  }

  private stall(response: ServerResponse, recorded: ReplayResponse, afterBytes: number, ms: number): void {
    const body = Buffer.from(recorded.body);
    response.writeHead(recorded.status ?? 200, { ...recorded.headers, 'content-length': body.length });
    response.write(body.subarray(0, afterBytes));
    this.later(ms, () => response.end(body.subarray(afterBytes)));
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

function send(response: ServerResponse, recorded: ReplayResponse): void {
  if (response.destroyed) return;
  const body = Buffer.from(recorded.body);
  response.writeHead(recorded.status ?? 200, {
    'content-type': 'application/json; charset=utf-8',
    ...recorded.headers,
    'content-length': body.length,
  });
  response.end(body);
}

function truncate(response: ServerResponse, recorded: ReplayResponse, bytes: number): void {
  const body = Buffer.from(recorded.body);
  response.writeHead(recorded.status ?? 200, { ...recorded.headers, 'content-length': body.length });
  response.write(body.subarray(0, bytes), () => response.destroy());
}
