import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { ChildProcess } from 'node:child_process';

/** A running local OpenID Connect provider. */
export interface TestOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts the test provider in a child process with one confidential client. */
export async function startOidcProvider(
  clientId: string,
  clientSecret: string,
  redirectUri: string,
): Promise<TestOidcProvider> {
  const script = path.join(__dirname, 'oidc-provider-server.mjs');
  const child: ChildProcess = spawn(process.execPath, [script, clientId, clientSecret, redirectUri], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`The OIDC provider exited: ${errors}`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  const { issuer } = JSON.parse(line) as { issuer: string };
  return {
    issuer,
    async stop() {
      if (child.exitCode !== null) return;
      const ended = once(child, 'exit');
      child.kill('SIGTERM');
      await ended;
    },
  };
}

/** Cookies of one browser, per origin; enough for the provider and the gateway on loopback. */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** Stores the cookies a response sets; an empty or expired value removes the cookie. */
  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.origin, jar);
  }

  /** Returns the Cookie header for a URL. */
  header(url: URL): string {
    return [...(this.cookies.get(url.origin) ?? new Map<string, string>()).entries()]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  /** Returns one cookie of an origin. */
  get(url: URL, name: string): string | undefined {
    return this.cookies.get(url.origin)?.get(name);
  }
}
