import type { IdentifierType, ProfileSettings } from '@atlas/contracts';
import { checkOrcid, normalizeOpenAlexId } from '@atlas/source-parsers';

import { VerificationError, VerificationErrorReason } from './errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Shapes of the identities that need no check digit, after trimming. */
const SHAPES: Partial<Record<IdentifierType, { pattern: RegExp; upper?: boolean; lower?: boolean }>> = {
  hal_idhal: { pattern: /^[a-z0-9][a-z0-9.-]{0,99}$/, lower: true },
  hal_person: { pattern: /^[0-9]{1,12}$/ },
  idref: { pattern: /^[0-9]{8}[0-9X]$/, upper: true },
  scopus: { pattern: /^[0-9]{5,15}$/ },
  researcherid: { pattern: /^[A-Z]{1,3}-[0-9]{4}-[0-9]{4}$/, upper: true },
};

/** Builds the error for an invalid identity value, naming the value and the reason. */
export function invalidIdentity(type: IdentifierType, value: string, reason: string): VerificationError {
  return new VerificationError(
    'BAD_REQUEST',
    VerificationErrorReason.invalidIdentity,
    `Invalid ${type} identity "${value}": ${reason}`,
    { type, value },
  );
}

/**
 * Returns the normal form of an identity value, refusing values that are not of its type: ORCID iDs
 * with a wrong check digit, malformed e-mail addresses, OpenAlex ids that are not author ids...
 */
export function normalizeIdentity(type: IdentifierType, raw: string): string {
  const value = raw.trim();
  if (type === 'orcid') {
    const check = checkOrcid(value);
    if (!check?.valid) throw invalidIdentity(type, raw, check?.reason ?? 'empty');
    return check.value;
  }
  if (type === 'email') {
    if (!EMAIL.test(value)) throw invalidIdentity(type, raw, 'not an e-mail address');
    return value.toLowerCase();
  }
  if (type === 'openalex') {
    const id = normalizeOpenAlexId(value, 'A');
    if (!id) throw invalidIdentity(type, raw, 'not an OpenAlex author id (A…)');
    return id;
  }
  if (type === 'name_variant') {
    const name = value.replace(/\s+/g, ' ');
    if (name === '') throw invalidIdentity(type, raw, 'empty');
    return name;
  }
  return normalizeByShape(type, value, raw);
}

function normalizeByShape(type: IdentifierType, value: string, raw: string): string {
  const shape = SHAPES[type];
  if (!shape) return value;
  let cased = value;
  if (shape.upper) cased = value.toUpperCase();
  if (shape.lower) cased = value.toLowerCase();
  if (!shape.pattern.test(cased)) throw invalidIdentity(type, raw, `does not match ${shape.pattern.source}`);
  return cased;
}

/** Settings of a new profile; the stored settings are merged over these when read. */
export const DEFAULT_SETTINGS: ProfileSettings = {
  autoConfirmThreshold: 0.99,
  notificationFrequency: 'weekly',
  watchedSources: [],
  visibility: 'public',
  allowNameSearch: false,
};
