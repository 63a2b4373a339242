import { authorLookupKeys } from '@atlas/matching-core';

import type { AuthorSummary, RecordSummary } from '@atlas/matching-core';

/** Identifiers an identifier rule may name for one author position: the record's, and the author's own. */
function ruleKeys(record: RecordSummary, author: AuthorSummary): string[] {
  const identifiers = [
    ...record.identifiers,
    ...author.sourceAuthorIds,
    ...(author.orcid ? [`orcid:${author.orcid}`] : []),
  ];
  return identifiers.map((identifier) => `rule:${identifier}`);
}

/** Keys one author position is looked up by in the blocking index. */
export function positionKeys(record: RecordSummary, author: AuthorSummary): string[] {
  return [...new Set([...authorLookupKeys(author), ...ruleKeys(record, author)])];
}

/** Every look-up key of a record, so a profile change finds the stored records it affects. */
export function recordKeys(record: RecordSummary): string[] {
  return [...new Set(record.authors.flatMap((author) => positionKeys(record, author)))];
}
