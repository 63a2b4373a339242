import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ALL_EVENTS, ALL_RPCS } from './registry';
import { fingerprintEvent, fingerprintRpc } from './validation/fingerprint';

/**
 * Fingerprints of the published contracts. An event or operation, once published, never changes:
 * a change is a new version. Add a new subject's line to `contracts.lock.json` when it is created.
 */
const LOCK_FILE = join(__dirname, '../contracts.lock.json');

function currentFingerprints(): Record<string, string> {
  const entries = [
    ...ALL_EVENTS.map((definition) => [definition.subject, fingerprintEvent(definition)]),
    ...ALL_RPCS.map((definition) => [definition.subject, fingerprintRpc(definition)]),
  ];
  return Object.fromEntries(entries.sort(([left], [right]) => String(left).localeCompare(String(right))));
}

describe('contract lock', () => {
  const locked = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, string>;
  const current = currentFingerprints();

  it('lists every contract', () => {
    const missing = Object.keys(current).filter((subject) => !(subject in locked));
    expect(missing).toEqual([]);
  });

  it('keeps every locked contract unchanged', () => {
    const changed = Object.keys(locked).filter((subject) => current[subject] !== locked[subject]);
    expect(changed).toEqual([]);
  });
});
