/** Text helpers shared by the parsers: every value is checked for type, trimmed and kept within limits. */

/**
 * Collapses whitespace, trims and clips a text to `maxLength` characters. Returns undefined for
 * anything that is not a non-empty string, so optional fields stay absent rather than empty.
 */
export function cleanText(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;

  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  // NOTE: clipping keeps the work within the schema limits; the full text stays in the raw record.
  return text.length > maxLength ? text.slice(0, maxLength).trimEnd() : text;
}

/** Returns the first element of an array, or the value itself when it is not an array. */
export function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Returns an array for a value that sources give either as one item or as a list. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Narrows an unknown value to a plain object, or returns undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Removes XML/HTML markup (JATS abstracts, `<sub>` in titles) and decodes the common entities. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Returns an absolute http(s) URL, or undefined when the text is not one. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return undefined;
  try {
    // WHATWG URLs keep characters RFC 3986 forbids (`[` in SICI-style DOIs), so encode them too.
    const url = new URL(value.trim()).toString().replace(/[[\]{}|\\^`]/g, (char) => encodeURIComponent(char));
    return url.length <= 2048 ? url : undefined;
  } catch {
    return undefined;
  }
}

// Deliberately simple: a source address is either plausibly an e-mail address or left out.
const EMAIL_SHAPE =
  /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Returns a trimmed e-mail address, or undefined when the text does not look like one. */
export function emailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/^mailto:/i, '');
  return text.length <= 320 && EMAIL_SHAPE.test(text) ? text : undefined;
}

/** Returns an ISO 639 language code in lower case (`en`, `fre`), or undefined. */
export function languageCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return /^[a-z]{2,3}$/.test(text) ? text : undefined;
}
