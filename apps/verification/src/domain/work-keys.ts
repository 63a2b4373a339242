import { arxivDoi, normalizeDoi } from '@atlas/contracts';

import type { Work } from '@atlas/contracts';

/** Keys by which a source record finds the canonical work it belongs to. */
export interface WorkMatchKeys {
  /** DOI of the record itself, normalised. */
  doi?: string;
  /** arXiv id without version. */
  arxivId?: string;
  /** arXiv's DataCite DOI of that id. */
  arxivDoi?: string;
  /** DOIs of other versions the source names (preprint, published version, new version). */
  versionDois: string[];
  /** Folded title words. */
  titleFingerprint: string;
  publicationYear?: number;
  /** Folded family name of the first author. */
  firstAuthorSurname?: string;
}

const VERSION_RELATIONS = new Set([
  'is-preprint-of',
  'has-preprint',
  'is-version-of',
  'has-version',
  'is-identical-to',
]);

/** Folds text for comparison: compatibility forms, no accents, lower case, letters and digits only. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Title fingerprint: folded words without markup, so the preprint and the article compare equal. */
export function titleFingerprint(title: string): string {
  const withoutMarkup = title.replace(/<[^>]+>/g, ' ');
  return foldText(withoutMarkup).replace(/\s+/g, ' ');
}

/** Family name of an author as listed: the given family name, else the last word of the printed name. */
export function authorSurname(author: { familyName?: string; rawName: string }): string | undefined {
  const name = author.familyName ?? lastNameWord(author.rawName);
  const folded = name ? foldText(name) : '';
  return folded.length > 0 ? folded : undefined;
}

function lastNameWord(rawName: string): string | undefined {
  // "Curie, Marie" lists the family name first.
  if (rawName.includes(',')) return rawName.split(',')[0];
  const words = rawName.trim().split(/\s+/);
  return words[words.length - 1];
}

/** Collects a work's match keys. */
export function workMatchKeys(work: Work): WorkMatchKeys {
  const arxivId = work.identifiers.arxiv;
  const versionDois = work.relations
    .filter((relation) => VERSION_RELATIONS.has(relation.type) && relation.idType === 'doi')
    .map((relation) => normalizeDoi(relation.id))
    .filter((doi): doi is string => doi !== undefined);
  const firstAuthor = work.authors.find((author) => author.position === 1) ?? work.authors[0];
  return {
    doi: work.identifiers.doi,
    arxivId,
    arxivDoi: work.identifiers.arxivDoi ?? (arxivId ? arxivDoi(arxivId) : undefined),
    versionDois: [...new Set(versionDois)],
    titleFingerprint: titleFingerprint(work.title),
    publicationYear: work.publicationYear,
    firstAuthorSurname: firstAuthor ? authorSurname(firstAuthor) : undefined,
  };
}

/** Every DOI that names the record or one of its versions, for DOI look-ups. */
export function allDois(keys: WorkMatchKeys): string[] {
  const dois = [keys.doi, keys.arxivDoi, ...keys.versionDois].filter(
    (doi): doi is string => doi !== undefined,
  );
  return [...new Set(dois)];
}

/** Whether a fingerprint is specific enough to match on: very short titles ("Editorial") are not. */
export function isDistinctiveFingerprint(fingerprint: string): boolean {
  return fingerprint.split(' ').length >= 3 && fingerprint.length >= 20;
}

/** Material differences between two versions of a record, as flags on decided candidates name them. */
export function materialChanges(before: Work, after: Work): ('title' | 'authors' | 'identifiers')[] {
  const changes: ('title' | 'authors' | 'identifiers')[] = [];
  if (titleFingerprint(before.title) !== titleFingerprint(after.title)) changes.push('title');
  const names = (work: Work) => work.authors.map((author) => foldText(author.rawName)).join('|');
  if (names(before) !== names(after)) changes.push('authors');
  const ids = (work: Work) => JSON.stringify(work.identifiers, Object.keys(work.identifiers).sort());
  if (ids(before) !== ids(after)) changes.push('identifiers');
  return changes;
}
