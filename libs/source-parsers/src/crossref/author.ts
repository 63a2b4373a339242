import type { WorkAffiliation } from '@atlas/contracts';

import { normalizeRor } from '../identifiers/other-ids';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, orcidFields, usefulAffiliations } from '../model/work-builder';
import { asArray, asObject, cleanText } from '../text/clean-text';

/** Maps one Crossref contributor (`author[]`) to an author draft; organisations carry only `name`. */
export function parseCrossrefAuthor(value: unknown): AuthorDraft | undefined {
  const author = asObject(value);
  if (!author) return undefined;

  const givenName = cleanText(author.given, 256);
  const familyName = cleanText(author.family, 256);
  const rawName = [givenName, familyName].filter(Boolean).join(' ') || author.name;
  return authorDraft(rawName, {
    givenName,
    familyName,
    ...orcidFields(author.ORCID),
    affiliations: usefulAffiliations(asArray(author.affiliation).map(crossrefAffiliation)),
    // Crossref marks the first author with `sequence: first`, which tells nothing of correspondence.
    isCorresponding: false,
  });
}

function crossrefAffiliation(value: unknown): WorkAffiliation {
  const affiliation = asObject(value) ?? {};
  const rorEntry = asArray(affiliation.id)
    .map(asObject)
    .find((id) => typeof id?.['id-type'] === 'string' && id['id-type'].toUpperCase() === 'ROR');
  return { rawString: cleanText(affiliation.name, 2000), rorId: normalizeRor(rorEntry?.id) };
}
