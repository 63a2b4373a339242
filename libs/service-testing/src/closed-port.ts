import { freePort } from '@atlas/local-stack';

/** Returns a loopback port with nothing listening on it: bound by the kernel, then released. */
export function closedPort(): Promise<number> {
  return freePort();
}
