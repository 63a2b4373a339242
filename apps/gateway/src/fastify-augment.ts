import type { Principal } from './domain/principal';
import type { Scope } from './domain/scopes';
import type { GatewayContext } from './plugins/gateway-context';

declare module 'fastify' {
  interface FastifyInstance {
    /** Milliseconds a call to a service waits for its reply. */
    rpcTimeoutMs: number;
    /** Configuration, repositories and sign-in client of the gateway. */
    gateway: GatewayContext;
  }
  interface FastifyRequest {
    /** Caller of the request, set by the authentication hook on routes that are not public. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Callers the route admits: anyone, any signed-in caller, or admins only. */
    access?: 'public' | 'signed-in' | 'admin';
    /** API token scope the route needs; session callers hold every scope of their role. */
    scope?: Scope;
    /** Whether a session caller must send the CSRF token; on by default for unsafe methods. */
    csrf?: boolean;
    /** Whether the rate limiter counts the route; on by default. */
    rateLimit?: boolean;
  }
}
