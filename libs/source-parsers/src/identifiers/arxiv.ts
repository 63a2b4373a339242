/** An arXiv identifier split into the paper id and its version. */
export interface ArxivId {
  /** Paper id without version: `1707.08567` or `hep-ex/0406020`. */
  id: string;
  /** Version label (`v2`), when the text named one. */
  version?: string;
  /** DataCite DOI that arXiv registered for the paper (`10.48550/arxiv.1707.08567`). */
  doi: string;
}

const ARXIV_PREFIX = /^(arxiv:|(https?:\/\/)?(www\.|export\.)?arxiv\.org\/(abs|pdf)\/)/i;
// New style since April 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN; old style: archive(.SUBJ)/YYMMNNN.
const NEW_STYLE = /^([0-9]{4}\.[0-9]{4,5})(v[0-9]+)?$/;
const OLD_STYLE = /^([a-z-]+(\.[A-Z]{2})?\/[0-9]{7})(v[0-9]+)?$/;

/** Parses an arXiv id in new or old style, with or without prefix and version; undefined if invalid. */
export function parseArxivId(raw: unknown): ArxivId | undefined {
  if (typeof raw !== 'string') return undefined;

  const text = raw
    .trim()
    .replace(ARXIV_PREFIX, '')
    .replace(/\.pdf$/, '');
  const newStyle = NEW_STYLE.exec(text);
  if (newStyle?.[1]) return buildArxivId(newStyle[1], newStyle[2]);

  const oldStyle = OLD_STYLE.exec(text);
  if (oldStyle?.[1]) return buildArxivId(oldStyle[1], oldStyle[3]);
  return undefined;
}

function buildArxivId(id: string, version: string | undefined): ArxivId {
  return { id, doi: arxivDoi(id), ...(version ? { version } : {}) };
}

/** Maps an arXiv id without version to its DataCite DOI (`10.48550/arxiv.<id>`, lower case). */
export function arxivDoi(id: string): string {
  return `10.48550/arxiv.${id.toLowerCase()}`;
}

/** Reads the arXiv id back out of an arXiv DataCite DOI, or undefined for any other DOI. */
export function arxivIdFromDoi(doi: string): ArxivId | undefined {
  const prefix = '10.48550/arxiv.';
  return doi.toLowerCase().startsWith(prefix) ? parseArxivId(doi.slice(prefix.length)) : undefined;
}
