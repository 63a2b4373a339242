/** Query parameters whose values are credentials (OpenAlex `api_key`, OAuth tokens and the like). */
const SECRET_PARAMETER = /key|token|secret|password|signature/i;

/** Returns the URL as text with user info and secret query parameter values replaced by `REDACTED`. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.username) copy.username = 'REDACTED';
  if (copy.password) copy.password = 'REDACTED';
  for (const name of [...copy.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(name)) copy.searchParams.set(name, 'REDACTED');
  }
  return copy.href;
}
