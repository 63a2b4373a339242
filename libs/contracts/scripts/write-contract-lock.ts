/**
 * Writes `contracts.lock.json`: the fingerprint of every event and operation contract. Run it only
 * to add a new contract, or to change one that has never been published.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ALL_EVENTS, ALL_RPCS, fingerprintEvent, fingerprintRpc } from '../src/index';

const entries = [
  ...ALL_EVENTS.map((definition) => [definition.subject, fingerprintEvent(definition)] as const),
  ...ALL_RPCS.map((definition) => [definition.subject, fingerprintRpc(definition)] as const),
].sort(([left], [right]) => left.localeCompare(right));

const lockFile = join(__dirname, '../contracts.lock.json');
writeFileSync(lockFile, `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`);
process.stdout.write(`wrote ${entries.length} fingerprints to ${lockFile}\n`);
