import { createHash } from 'node:crypto';

import type { Work } from '@atlas/contracts';

/** Parts of a work whose change matters for decisions, hashed so the latest version keeps them cheaply. */
export interface MaterialFingerprint {
  title?: string;
  authors?: string;
  identifiers?: string;
  retracted?: boolean;
  withdrawn?: boolean;
}

/** Kinds of material change a record updated event names. */
export type MaterialChange = 'title' | 'authors' | 'identifiers' | 'retraction' | 'withdrawal';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** Computes the fingerprint of a work's title, author list, identifiers and flags. */
export function materialFingerprint(work: Work | undefined): MaterialFingerprint {
  if (!work) return {};
  return {
    title: digest([work.title, work.subtitle ?? null]),
    authors: digest(work.authors.map((author) => [author.rawName, author.orcid ?? null])),
    identifiers: digest(work.identifiers),
    retracted: work.isRetracted,
    withdrawn: work.isWithdrawn,
  };
}

/** Lists what changed between the fingerprints of two versions of a record. */
export function materialChanges(previous: MaterialFingerprint, next: MaterialFingerprint): MaterialChange[] {
  const changes: MaterialChange[] = [];
  if (previous.title !== next.title) changes.push('title');
  if (previous.authors !== next.authors) changes.push('authors');
  if (previous.identifiers !== next.identifiers) changes.push('identifiers');
  if (!previous.retracted && next.retracted) changes.push('retraction');
  if (!previous.withdrawn && next.withdrawn) changes.push('withdrawal');
  return changes;
}
