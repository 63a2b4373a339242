import { parseName, profileBlockingKeys, recordBlockingKeys } from '@atlas/name-matching';

import { recordNameReadings } from './parsed-names';
import { prepareProfile } from './prepare-profile';

import type { AuthorSummary, PreparedProfile, ProfileSummary } from './match-inputs';

/** Blocking keys a profile is indexed under: those of its names, and its identifiers. */
export function profileIndexKeys(profile: ProfileSummary): string[] {
  const keys = new Set<string>();
  for (const name of profile.names)
    for (const key of profileBlockingKeys(parseName(name))) keys.add(`name:${key}`);
  for (const orcid of profile.orcids) keys.add(`orcid:${orcid}`);
  for (const id of profile.sourceAuthorIds) keys.add(`id:${id}`);
  for (const email of profile.emails) keys.add(`email:${email.toLowerCase()}`);
  return [...keys];
}

/** Keys an author position is looked up by. */
export function authorLookupKeys(author: AuthorSummary): string[] {
  const keys = recordBlockingKeys(recordNameReadings(author.name)).map((key) => `name:${key}`);
  if (author.orcid) keys.push(`orcid:${author.orcid}`);
  for (const id of author.sourceAuthorIds) keys.push(`id:${id}`);
  if (author.email) keys.push(`email:${author.email.toLowerCase()}`);
  return keys;
}

/** An in-memory blocking index of prepared profiles, for evaluation, benchmarks and batch runs. */
export class ProfileIndex {
  private readonly byKey = new Map<string, PreparedProfile[]>();

  /** Indexes profiles under their blocking keys. */
  constructor(profiles: ProfileSummary[]) {
    for (const summary of profiles) {
      const prepared = prepareProfile(summary);
      for (const key of profileIndexKeys(summary)) {
        const list = this.byKey.get(key) ?? [];
        list.push(prepared);
        this.byKey.set(key, list);
      }
    }
  }

  /** Profiles sharing at least one key with an author position. */
  candidatesFor(author: AuthorSummary): PreparedProfile[] {
    const found = new Set<PreparedProfile>();
    for (const key of authorLookupKeys(author))
      for (const profile of this.byKey.get(key) ?? []) found.add(profile);
    return [...found];
  }
}
