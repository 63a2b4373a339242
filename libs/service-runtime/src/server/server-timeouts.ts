/** Limits of the HTTP server; every one is explicit so that none depends on a library default. */
export interface ServerLimits {
  /** Milliseconds a new connection may take to send a complete request head. */
  connectionTimeoutMs: number;
  /** Milliseconds an idle keep-alive connection stays open; above typical load balancer idle timeouts (60 s). */
  keepAliveTimeoutMs: number;
  /** Milliseconds a whole request may take to arrive. */
  requestTimeoutMs: number;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
}

/** Limits used unless a service passes its own. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  connectionTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  requestTimeoutMs: 30_000,
  bodyLimitBytes: 1_048_576,
};
