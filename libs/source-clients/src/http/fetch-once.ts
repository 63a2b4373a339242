import type { TimeoutOptions } from './client-options';

/** Outcome of one attempt: a response (any status), a timeout, or a network failure. */
export type AttemptResult =
  | { kind: 'response'; status: number; body: string; contentType: string; retryAfter: string | null }
  | { kind: 'timeout'; phase: 'headers' | 'total'; limitMs: number; cause: unknown }
  | { kind: 'network'; cause: unknown };

/** Sends one GET request with the two time limits and reads the whole body as text. */
export async function fetchOnce(
  url: URL,
  headers: Record<string, string>,
  timeouts: TimeoutOptions,
): Promise<AttemptResult> {
  const controller = new AbortController();
  let expired: 'headers' | 'total' | undefined;
  const expire = (phase: 'headers' | 'total') => {
    expired ??= phase;
    controller.abort();
  };
  const headersTimer = setTimeout(() => expire('headers'), timeouts.connectMs);
  const totalTimer = setTimeout(() => expire('total'), timeouts.totalMs);

  try {
    const response = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    clearTimeout(headersTimer);
    const body = await response.text();
    return {
      kind: 'response',
      status: response.status,
      body,
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (cause) {
    if (expired) {
      const limitMs = expired === 'headers' ? timeouts.connectMs : timeouts.totalMs;
      return { kind: 'timeout', phase: expired, limitMs, cause };
    }
    return { kind: 'network', cause };
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(totalTimer);
  }
}
