/** Prefixes of DOIs that preprint servers register (arXiv through DataCite, bioRxiv, PeerJ Preprints). */
const PREPRINT_DOI_PREFIXES = ['10.48550/arxiv.', '10.1101/', '10.7287/peerj.preprints.'];

/** Folds a title to letters and digits only, without accents or case, to compare versions of a work. */
export function titleFingerprint(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** True when a record is a preprint: an arXiv record, or a DOI of a preprint server. */
export function isPreprint(record: { source: string; doi?: string | undefined }): boolean {
  if (record.source === 'arxiv') return true;
  const doi = record.doi?.toLowerCase() ?? '';
  return PREPRINT_DOI_PREFIXES.some((prefix) => doi.startsWith(prefix));
}

/**
 * Builds a search query that differs from a title only by accents: the title's first long word with
 * its accents removed, or, when it has none, with an acute accent on its first `e`. A search that
 * ignores accents finds the work either way; one that does not, misses it.
 */
export function accentedQuery(title: string): string | undefined {
  const words = title.split(/[^\p{L}]+/u).filter((word) => word.length >= 6);
  const accented = words.find((word) => word.normalize('NFKD') !== word);
  if (accented) return accented.normalize('NFKD').replace(/\p{M}/gu, '');
  const withE = words.find((word) => word.includes('e'));
  return withE?.replace('e', 'é');
}
