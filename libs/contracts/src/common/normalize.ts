/** Normalisation of identifiers into the forms the schemas accept. */

const ORCID_SHAPE = /^([0-9]{4})-?([0-9]{4})-?([0-9]{4})-?([0-9]{3}[0-9X])$/;
const ORCID_PREFIX = /^(https?:\/\/)?(www\.)?(sandbox\.)?orcid\.org\//i;
const DOI_PREFIX = /^(doi:\s*|(https?:\/\/)?(dx\.)?doi\.org\/)/i;

/** Computes the ISO 7064 mod 11-2 check character of the first 15 digits of an ORCID iD. */
function orcidCheckCharacter(digits: string): string {
  let total = 0;
  for (const digit of digits) {
    total = (total + Number(digit)) * 2;
  }
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** Checks the shape and the check digit of an ORCID iD in normal form (`0000-0002-1825-0097`). */
export function isValidOrcid(orcid: string): boolean {
  const match = /^([0-9]{4})-([0-9]{4})-([0-9]{4})-([0-9]{3})([0-9X])$/.exec(orcid);
  if (!match) return false;

  const digits = match.slice(1, 5).join('');
  return orcidCheckCharacter(digits) === match[5];
}

/**
 * Brings an ORCID iD as sources write it (URL, no hyphens, lower-case `x`) into normal form.
 * Returns undefined when the text has no ORCID shape; the check digit is not verified here.
 */
export function normalizeOrcidShape(raw: string): string | undefined {
  const bare = raw.trim().replace(ORCID_PREFIX, '').toUpperCase();
  const match = ORCID_SHAPE.exec(bare);
  return match ? match.slice(1, 5).join('-') : undefined;
}

/** Brings a DOI into normal form: no resolver prefix or `doi:` label, trimmed, lower case. */
export function normalizeDoi(raw: string): string | undefined {
  const bare = raw.trim().replace(DOI_PREFIX, '').toLowerCase();
  return /^10\.[0-9]{4,9}\/\S+$/.test(bare) ? bare : undefined;
}

/** Maps an arXiv id (without version suffix) to the DataCite DOI arXiv registered for it. */
export function arxivDoi(arxivId: string): string {
  return `10.48550/arxiv.${arxivId.toLowerCase()}`;
}
