/** Result of checking an identifier: its normal form, or the raw text with the reason it failed. */
export type IdentifierCheck = { valid: true; value: string } | { valid: false; raw: string; reason: string };

const DOI_PREFIX = /^(doi:\s*|info:doi\/|(https?:\/\/)?(dx\.)?doi\.org\/)/i;
// Registrant codes are 4 to 9 digits (with optional sub-registrants); the suffix is any visible text.
const DOI_SHAPE = /^10\.[0-9]{4,9}(\.[0-9]+)*\/\S+$/;
const MAX_DOI_LENGTH = 512;

/**
 * Normalises a DOI: trims it, removes a resolver URL or `doi:` label, lower-cases it (DOIs are
 * case-insensitive) and checks the `10.<registrant>/<suffix>` shape. Returns undefined for empty input.
 */
export function checkDoi(raw: unknown): IdentifierCheck | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;

  const value = safeDecode(raw.trim().replace(DOI_PREFIX, '').trim()).toLowerCase();
  if (value.length > MAX_DOI_LENGTH) return { valid: false, raw, reason: 'DOI longer than 512 characters' };
  if (!DOI_SHAPE.test(value))
    return { valid: false, raw, reason: 'not of the form 10.<registrant>/<suffix>' };
  return { valid: true, value };
}

/** Returns the normal form of a DOI, or undefined when the text is not a valid DOI. */
export function normalizeDoi(raw: unknown): string | undefined {
  const check = checkDoi(raw);
  return check?.valid ? check.value : undefined;
}

// DOI URLs sometimes carry percent-encoded slashes or brackets; a bad escape leaves the text as it is.
function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
