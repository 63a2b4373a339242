import { parseName } from '@atlas/name-matching';

import type { NameInput, ParsedName } from '@atlas/name-matching';

// One record is compared with many profiles, and each comparison reads the names of all its authors.
// Keyed by the name object, so a record's names are parsed once and freed with the record.
const readingsByName = new WeakMap<NameInput, ParsedName[]>();

/** Parses a record author's name once per name object and returns the same readings after. */
export function recordNameReadings(name: NameInput): ParsedName[] {
  let readings = readingsByName.get(name);
  if (!readings) {
    readings = parseName(name);
    readingsByName.set(name, readings);
  }
  return readings;
}
