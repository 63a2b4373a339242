import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const ITERATIONS = 4096;
const SALT_BYTES = 16;

function keysFor(password: string, salt: Buffer, iterations: number): { stored: Buffer; server: Buffer } {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    stored: createHash('sha256').update(clientKey).digest(),
    server: createHmac('sha256', salted).update('Server Key').digest(),
  };
}

/**
 * Computes a SCRAM-SHA-256 verifier in PostgreSQL's format, so that ALTER ROLE ... PASSWORD never
 * sends the password itself to the server (where statement logging could record it).
 */
// NOTE: NFKC stands in for SASLprep (RFC 4013); they agree on ASCII, which generated passwords are.
export function scramVerifier(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const { stored, server } = keysFor(password, salt, ITERATIONS);
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${stored.toString('base64')}:${server.toString('base64')}`;
}

const VERIFIER = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/;

/** Tells whether a stored SCRAM-SHA-256 verifier was made from this password. */
export function scramVerifierMatches(verifier: string | null, password: string): boolean {
  const parts = verifier === null ? null : VERIFIER.exec(verifier);
  if (!parts) return false;
  const [, iterations, salt, stored, server] = parts as unknown as [string, string, string, string, string];
  const expected = keysFor(password, Buffer.from(salt, 'base64'), Number(iterations));
  const storedKey = Buffer.from(stored, 'base64');
  const serverKey = Buffer.from(server, 'base64');
  return (
    storedKey.length === expected.stored.length &&
    serverKey.length === expected.server.length &&
    timingSafeEqual(storedKey, expected.stored) &&
    timingSafeEqual(serverKey, expected.server)
  );
}
