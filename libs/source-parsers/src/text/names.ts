/** Given and family names split out of a display name. */
export interface NameParts {
  /** Given name(s). */
  givenName?: string;
  /** Family name. */
  familyName?: string;
}

/**
 * Splits a name written `Family, Given` (OAI-PMH Dublin Core creators) at its single comma. Other
 * forms return no parts, because `Given Family` cannot be split reliably (particles, compound names).
 */
export function splitInvertedName(name: string): NameParts {
  const parts = name.split(',');
  if (parts.length !== 2) return {};

  const familyName = parts[0]?.replace(/\s+/g, ' ').trim();
  const givenName = parts[1]?.replace(/\s+/g, ' ').trim();
  if (!familyName || !givenName) return {};
  return { givenName, familyName };
}
