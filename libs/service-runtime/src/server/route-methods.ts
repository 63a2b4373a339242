/** Methods that reveal nothing about which paths exist, because CORS preflight routes match every path. */
const IGNORED_METHODS = new Set(['OPTIONS']);

function segmentPattern(segment: string): string {
  if (segment === '*') return '.*';
  if (segment.startsWith(':')) return '[^/]+';
  return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The methods of a server's routes by path pattern, collected as routes are added. A request with a
 * known path and a wrong method then gets 405 with the methods that path takes, not 404.
 */
export class RouteMethods {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, method: string | readonly string[]): void {
    const methods = (Array.isArray(method) ? method : [method]) as string[];
    const entry = this.routes.get(url) ?? {
      pattern: new RegExp(`^${url.split('/').map(segmentPattern).join('/')}/?$`),
      methods: new Set<string>(),
    };
    for (const name of methods) if (!IGNORED_METHODS.has(name)) entry.methods.add(name);
    this.routes.set(url, entry);
  }

  /** Methods the routes matching a concrete path accept, sorted; empty when no route has the path. */
  allowedFor(path: string): string[] {
    const allowed = new Set<string>();
    for (const { pattern, methods } of this.routes.values()) {
      if (pattern.test(path)) for (const method of methods) allowed.add(method);
    }
    return [...allowed].sort();
  }
}
