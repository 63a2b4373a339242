import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { EventData, ProfileChangedV1, Work } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { parseOpenAlexAuthor, parseOpenAlexWork } from '@atlas/source-parsers';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

const DATA = join(__dirname, '../../../data/real/openalex');

function readJsonLines(file: string): unknown[] {
  return gunzipSync(readFileSync(join(DATA, file)))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown);
}

/** Real OpenAlex works, by work id. */
export function loadWorks(ids: string[]): Map<string, Work> {
  const works = new Map<string, Work>();
  for (const raw of readJsonLines('academic-explorer_works.jsonl.gz')) {
    const outcome = parseOpenAlexWork(raw as never);
    if (outcome.ok && outcome.entityType === 'work' && ids.includes(outcome.work.sourceId))
      works.set(outcome.work.sourceId, outcome.work);
  }
  return works;
}

/** Real OpenAlex author objects, by author id. */
export function loadAuthors(ids: string[]): Map<string, SourceAuthorProfile> {
  const authors = new Map<string, SourceAuthorProfile>();
  for (const raw of readJsonLines('academic-explorer_authors.jsonl.gz')) {
    const outcome = parseOpenAlexAuthor(raw as never);
    if (outcome.ok && outcome.entityType !== 'work' && ids.includes(outcome.profile.openalexId ?? ''))
      authors.set(outcome.profile.openalexId as string, outcome.profile);
  }
  return authors;
}

/** Builds a profile changed payload from a real OpenAlex author object. */
export function profileFromAuthor(
  profileId: string,
  author: SourceAuthorProfile,
  extra: Partial<EventData<typeof ProfileChangedV1>['facts']> = {},
): EventData<typeof ProfileChangedV1> {
  const identities = [
    ...(author.orcid ? [{ id: newId(), type: 'orcid' as const, value: author.orcid, isPrimary: true }] : []),
    { id: newId(), type: 'openalex' as const, value: author.openalexId as string, isPrimary: true },
  ];
  return {
    profileId,
    changes: ['created'],
    displayName: author.displayName ?? (author.openalexId as string),
    ...(author.orcid ? { primaryOrcid: author.orcid } : {}),
    settings: {
      autoConfirmThreshold: 0.99,
      notificationFrequency: 'weekly',
      watchedSources: ['openalex'],
      visibility: 'public',
      allowNameSearch: true,
    },
    facts: {
      identities,
      nameVariants: author.alternativeNames.slice(0, 20),
      affiliations: author.affiliations
        .filter((affiliation) => affiliation.institutionName)
        .slice(0, 20)
        .map((affiliation) => ({ name: affiliation.institutionName as string, rorId: affiliation.rorId })),
      identifierRules: [],
      coauthors: [],
      topics: [],
      confirmedWorks: 0,
      ...extra,
    },
  };
}
