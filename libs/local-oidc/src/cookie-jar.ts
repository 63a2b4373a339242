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
