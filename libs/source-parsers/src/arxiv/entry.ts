import type { Topic, WorkVersion } from '@atlas/contracts';

import { parseArxivId } from '../identifiers/arxiv';
import { IdentifierSet } from '../model/identifier-set';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, buildWork } from '../model/work-builder';
import { asArray, asObject, cleanText, httpUrl } from '../text/clean-text';
import type { PartialDate } from '../text/dates';
import { partialDateFromText } from '../text/dates';
import { xmlText, xmlTexts } from '../text/xml';

type Json = Record<string, unknown>;

/** Maps one `<entry>` of an arXiv API Atom feed to the unified work (always a preprint). */
export function parseArxivEntry(raw: Json): ParseOutcome {
  const idText = xmlText(raw.id);
  // The API reports a bad query as an entry whose id points at its error page.
  if (idText?.includes('/api/errors')) {
    return parseFailure(
      RejectionCode.sourceError,
      `arXiv API error: ${cleanText(xmlText(raw.summary), 500) ?? 'no message'}`,
    );
  }
  const arxiv = parseArxivId(idText);
  if (!arxiv) return parseFailure(RejectionCode.missingField, 'arXiv entry has no valid arXiv id', idText);

  const title = cleanText(xmlText(raw.title), 4000);
  if (!title) return parseFailure(RejectionCode.missingField, 'arXiv entry has no title', arxiv.id);

  const ids = new IdentifierSet();
  ids.addArxiv(arxiv.id);
  ids.addDoi(xmlText(raw.doi));
  const published = partialDateFromText(xmlText(raw.published));
  const comment = xmlTexts(raw.comment, 2000).join(' ');

  return {
    ok: true,
    entityType: 'work',
    sourceId: arxiv.id,
    work: buildWork('arxiv', arxiv.id, ids, entryAuthors(raw), {
      title,
      abstract: cleanText(xmlText(raw.summary), 100_000),
      type: 'preprint',
      sourceType: 'e-print',
      publicationDate: published?.date,
      publicationYear: published?.year,
      venue: journalReference(raw),
      topics: categories(raw),
      // A withdrawn paper keeps its entry, and the comment of its last version states the withdrawal.
      isWithdrawn: /\bwithdrawn\b/i.test(comment),
      versions: versions(arxiv.version, published, partialDateFromText(xmlText(raw.updated))),
      url: alternateLink(raw) ?? `https://arxiv.org/abs/${arxiv.id}`,
    }),
  };
}

function entryAuthors(raw: Json): AuthorDraft[] {
  return asArray(raw.author)
    .map(asObject)
    .map((author) => {
      const affiliations = xmlTexts(author?.affiliation, 2000).map((rawString) => ({ rawString }));
      return authorDraft(xmlText(author?.name), { affiliations: affiliations.slice(0, 50) });
    })
    .filter((author): author is AuthorDraft => author !== undefined);
}

/** Lists the primary category first, then the cross-lists. */
function categories(raw: Json): Topic[] {
  const primary = asObject(raw.primary_category)?.['@_term'];
  const terms = asArray(raw.category).map((category) => asObject(category)?.['@_term']);
  const labels = [primary, ...terms]
    .map((term) => cleanText(term, 512))
    .filter((term): term is string => !!term);
  return [...new Set(labels)].slice(0, 200).map((label) => ({ label, scheme: 'arxiv-category' as const }));
}

function journalReference(raw: Json) {
  const name = cleanText(xmlText(raw.journal_ref), 1000);
  return name ? { name, issns: [] } : undefined;
}

/**
 * The feed names only the latest version, dated by `updated`; `published` dates v1. Versions in
 * between are listed without dates.
 */
function versions(latest: string | undefined, published?: PartialDate, updated?: PartialDate): WorkVersion[] {
  const count = Math.min(Number(latest?.slice(1) ?? '1'), 200);
  return Array.from({ length: count }, (_, index) => {
    let date: PartialDate | undefined;
    if (index === 0) date = published;
    if (index === count - 1 && index > 0) date = updated;
    return { label: `v${index + 1}`, ...(date ? { date: date.date } : {}) };
  });
}

function alternateLink(raw: Json): string | undefined {
  const link = asArray(raw.link)
    .map(asObject)
    .find((entry) => entry?.['@_rel'] === 'alternate');
  return httpUrl(link?.['@_href']);
}
