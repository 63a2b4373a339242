import { runChecked, findExecutable } from './processes';

/** A server binary and the Debian package that provides it. */
export interface SystemBinary {
  executable: string;
  debianPackage: string;
}

export const NATS_SERVER: SystemBinary = { executable: 'nats-server', debianPackage: 'nats-server' };
export const REDIS_SERVER: SystemBinary = { executable: 'redis-server', debianPackage: 'redis-server' };

let aptUpdated = false;

/**
 * Returns the path of the binary, installing its Debian package with apt-get when it is missing.
 * Installing needs root; otherwise the error names the package to install.
 */
export function ensureSystemBinary(binary: SystemBinary, log: (line: string) => void): string {
  const existing = findExecutable(binary.executable);
  if (existing) return existing;

  if (process.getuid?.() !== 0) {
    throw new Error(
      `${binary.executable} is not installed. Install the Debian package "${binary.debianPackage}" ` +
        `(sudo apt-get install -y ${binary.debianPackage}) or point the matching *_URL variable at a running server.`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log(`Installing ${binary.debianPackage} with apt-get (apt-get update first)`);
    runChecked('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
  }
  runChecked('apt-get', ['install', '-y', '-qq', '--no-install-recommends', binary.debianPackage], { env });

  const installed = findExecutable(binary.executable);
  if (!installed) {
    throw new Error(
      `apt-get installed ${binary.debianPackage} but ${binary.executable} is still not on PATH.`,
    );
  }
  return installed;
}
