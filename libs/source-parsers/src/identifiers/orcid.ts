import type { IdentifierCheck } from './doi';

const ORCID_PREFIX = /^(https?:\/\/)?(www\.)?(sandbox\.)?orcid\.org\//i;
const ORCID_SHAPE = /^([0-9]{4})-?([0-9]{4})-?([0-9]{4})-?([0-9]{3}[0-9X])$/;

/** Computes the ISO 7064 mod 11-2 check character of the first 15 digits of an ORCID iD. */
export function orcidCheckCharacter(fifteenDigits: string): string {
  let total = 0;
  for (const digit of fifteenDigits) total = (total + Number(digit)) * 2;

  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/**
 * Normalises an ORCID iD (URL prefix removed, hyphens restored, upper-case `X`) and validates its
 * ISO 7064 mod 11-2 check digit. Returns undefined for empty input.
 */
export function checkOrcid(raw: unknown): IdentifierCheck | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;

  const match = ORCID_SHAPE.exec(raw.trim().replace(ORCID_PREFIX, '').toUpperCase());
  if (!match) return { valid: false, raw, reason: 'not of the form 0000-0000-0000-000X' };

  const groups = match.slice(1, 5);
  const digits = groups.join('');
  if (orcidCheckCharacter(digits.slice(0, 15)) !== digits[15]) {
    return { valid: false, raw, reason: 'check digit does not match (ISO 7064 mod 11-2)' };
  }
  return { valid: true, value: groups.join('-') };
}

/** Returns the normal form of a valid ORCID iD, or undefined. */
export function normalizeOrcid(raw: unknown): string | undefined {
  const check = checkOrcid(raw);
  return check?.valid ? check.value : undefined;
}
