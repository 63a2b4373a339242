import { foldText } from '@atlas/name-matching';

import type { Work, WorkAuthor } from '@atlas/contracts';

import type { AuthorSummary, RecordSummary } from './match-inputs';

/** Identifiers of the work in the vocabulary of identifier rules. */
function workIdentifiers(work: Work): string[] {
  const ids = work.identifiers;
  const keys: string[] = [];
  if (ids.doi) keys.push(`doi:${ids.doi}`);
  if (ids.arxiv) keys.push(`arxiv:${ids.arxiv}`);
  if (ids.hal) keys.push(`hal:${ids.hal}`);
  if (ids.openalex) keys.push(`openalex_work:${ids.openalex}`);
  return keys;
}

function authorIds(author: WorkAuthor): string[] {
  const ids = author.sourceIds;
  if (!ids) return [];
  const keys: string[] = [];
  if (ids.openalex) keys.push(`openalex_author:${ids.openalex}`);
  if (ids.halIdHal) keys.push(`hal_idhal:${ids.halIdHal}`);
  if (ids.halPersonId) keys.push(`hal_person:${ids.halPersonId}`);
  for (const other of ids.other ?? []) keys.push(`${other.scheme.toLowerCase()}:${other.value}`);
  return keys;
}

function summariseAuthor(author: WorkAuthor): AuthorSummary {
  const summary: AuthorSummary = {
    position: author.position,
    name: { full: author.rawName, given: author.givenName, family: author.familyName },
    sourceAuthorIds: authorIds(author),
    affiliations: author.affiliations.map((affiliation) => ({
      rorId: affiliation.rorId,
      name: affiliation.institutionName ?? affiliation.rawString,
    })),
  };
  if (author.orcid && !author.orcidInvalid) summary.orcid = author.orcid;
  if (author.email) summary.email = author.email;
  return summary;
}

/** Topic keys of a work: vocabulary ids, else folded labels. */
export function topicKeys(work: Pick<Work, 'topics'>): string[] {
  return [
    ...new Set(
      work.topics.map((topic) => (topic.id ? `${topic.scheme}:${topic.id}` : foldText(topic.label))),
    ),
  ];
}

/** Reduces a parsed work to what matching reads and stores. */
export function summariseWork(work: Work, ref: { rawRecordId: string; checksum: string }): RecordSummary {
  const venue = work.venue?.issnL ?? work.venue?.issns[0];
  return {
    source: work.source,
    sourceId: work.sourceId,
    rawRecordId: ref.rawRecordId,
    checksum: ref.checksum,
    year: work.publicationYear,
    identifiers: workIdentifiers(work),
    topics: topicKeys(work),
    similarityKeys: venue ? [`issn:${venue}`] : [],
    authors: work.authors.map(summariseAuthor),
  };
}
