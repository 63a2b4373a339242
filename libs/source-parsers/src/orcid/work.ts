import { normalizeIssn } from '../identifiers/other-ids';
import { IdentifierSet } from '../model/identifier-set';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, buildWork, orcidFields } from '../model/work-builder';
import { cleanText, emailAddress, httpUrl, languageCode } from '../text/clean-text';
import { partialDateFromParts } from '../text/dates';
import type { OrcidNode } from './values';
import { child, children, keyOrAttribute, orcidFromPath, orcidValue } from './values';
import { orcidWorkType } from './work-types';

/**
 * Maps an ORCID work (full detail or summary, JSON or XML) to the unified work. The source id is
 * `<orcid>/work/<put-code>`; `ownerOrcid` is used when the work's own `path` does not name the iD.
 */
export function parseOrcidWork(raw: OrcidNode, ownerOrcid?: string): ParseOutcome {
  const putCode = keyOrAttribute(raw, 'put-code');
  const orcid = orcidFromPath(keyOrAttribute(raw, 'path')) ?? ownerOrcid;
  if (!putCode || !orcid)
    return parseFailure(RejectionCode.missingField, 'ORCID work has no put-code or owner iD');

  const sourceId = `${orcid}/work/${putCode}`;
  const title = cleanText(orcidValue(child(raw, 'title')?.title), 4000);
  if (!title) return parseFailure(RejectionCode.missingField, 'ORCID work has no title', sourceId);

  const ids = new IdentifierSet();
  const issns: string[] = [];
  for (const externalId of children(child(raw, 'external-ids'), 'external-id')) {
    addExternalId(ids, issns, externalId);
  }
  const date = publicationDate(child(raw, 'publication-date'));
  const journal = cleanText(orcidValue(raw['journal-title']), 1000);

  return {
    ok: true,
    entityType: 'work',
    sourceId,
    work: buildWork('orcid', sourceId, ids, contributors(raw), {
      title,
      subtitle: cleanText(orcidValue(child(raw, 'title')?.subtitle), 4000),
      abstract: cleanText(orcidValue(raw['short-description']), 100_000),
      type: orcidWorkType(orcidValue(raw.type)),
      sourceType: cleanText(orcidValue(raw.type), 128),
      publicationDate: date?.date,
      publicationYear: date?.year,
      venue: journal || issns.length > 0 ? { ...(journal ? { name: journal } : {}), issns } : undefined,
      language: languageCode(orcidValue(raw['language-code'])),
      url: httpUrl(orcidValue(raw.url)),
    }),
  };
}

function addExternalId(ids: IdentifierSet, issns: string[], externalId: OrcidNode): void {
  const type = (orcidValue(externalId['external-id-type']) ?? '').toLowerCase();
  const value = orcidValue(externalId['external-id-value']);
  const relationship = (orcidValue(externalId['external-id-relationship']) ?? 'self').toLowerCase();
  if (type === 'issn') {
    const issn = normalizeIssn(value);
    if (issn && !issns.includes(issn) && issns.length < 10) issns.push(issn);
    return;
  }
  // `part-of` ids name the container (a book's ISBN for a chapter), not the work itself.
  if (relationship !== 'self' && type !== 'isbn') return;

  if (type === 'doi') ids.addDoi(value);
  else if (type === 'arxiv') ids.addArxiv(value);
  else if (type === 'pmid') ids.addPmid(value);
  else if (type === 'pmc') ids.addPmcid(value);
  else if (type === 'isbn') ids.addIsbn(value);
  else if (type) ids.addOther(type, value);
}

function publicationDate(node: OrcidNode | undefined) {
  return partialDateFromParts(orcidValue(node?.year), orcidValue(node?.month), orcidValue(node?.day));
}

/** Contributors in listed order; ORCID gives a credit name and sometimes the contributor's iD. */
function contributors(raw: OrcidNode): AuthorDraft[] {
  return children(child(raw, 'contributors'), 'contributor')
    .map((contributor) => {
      const orcidNode = child(contributor, 'contributor-orcid');
      const orcid = orcidValue(orcidNode?.path) ?? orcidValue(orcidNode?.uri);
      const email = orcidValue(contributor['contributor-email']);
      return authorDraft(orcidValue(contributor['credit-name']), {
        ...orcidFields(orcid),
        email: emailAddress(email),
      });
    })
    .filter((author): author is AuthorDraft => author !== undefined);
}
