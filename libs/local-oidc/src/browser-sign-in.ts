import type { CookieJar } from './cookie-jar';

/** Largest number of redirects and form posts one sign-in may take. */
const MAX_STEPS = 20;

function extractForm(html: string): { action: string; prompt: string } | undefined {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  return action && prompt ? { action: action.replace(/&amp;/g, '&'), prompt } : undefined;
}

/**
 * Signs in the way a browser does: starts at the gateway's `/auth/orcid`, follows each redirect with
 * the cookies of `jar`, fills the local provider's login form with `login` and approves its consent
 * form, and returns the gateway's response to the callback (303 with the session cookie on success).
 */
export async function signInThroughBrowser(
  gatewayUrl: string,
  login: string,
  jar: CookieJar,
): Promise<Response> {
  let url = new URL('/auth/orcid', gatewayUrl);
  let init: RequestInit = {};
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
    });
    jar.store(url, response);
    if (url.pathname === '/auth/orcid/callback') return response;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      init = {};
      continue;
    }
    const html = await response.text();
    const form = extractForm(html);
    if (!form) throw new Error(`Unexpected page at ${url.href}: ${response.status} ${html.slice(0, 200)}`);
    const fields: Record<string, string> =
      form.prompt === 'login' ? { prompt: form.prompt, login, password: 'any' } : { prompt: form.prompt };
    url = new URL(form.action, url);
    init = {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error(`Sign-in did not reach the gateway's callback in ${MAX_STEPS} steps`);
}
