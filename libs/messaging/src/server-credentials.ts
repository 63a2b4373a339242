/** Masks the password of a `scheme://user:password@host` URL, even one that `URL` cannot parse. */
export function maskUrlPassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@');
}

// A URL that fails to parse would be copied whole into the TypeError's `input`, password included.
function parseServerUrl(server: string): URL {
  try {
    return new URL(server);
  } catch {
    throw new Error(
      `Invalid NATS server URL ${maskUrlPassword(server)}. Expected nats://[user:password@]host:port.`,
    );
  }
}

/**
 * Splits a comma-separated server list and moves a `user:password@` part of the URLs into the connect
 * options, because the nats.js v3 client ignores credentials written in a server URL.
 */
export function serversWithCredentials(list: string): { servers: string[]; user?: string; pass?: string } {
  let user: string | undefined;
  let pass: string | undefined;
  const servers = list.split(',').map((entry) => {
    const server = entry.trim();
    const url = parseServerUrl(server);
    if (!url.username) return server;
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  });
  return user === undefined ? { servers } : { servers, user, pass };
}
