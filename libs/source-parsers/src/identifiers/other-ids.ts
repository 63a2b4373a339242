/** Normalisers for the identifiers that need no flagging: invalid ones are simply left out. */

const ROR_SHAPE = /^0[a-z0-9]{6}[0-9]{2}$/;

/** Returns the ROR id (`02nr0ka47`) from a ROR URL or bare id, or undefined. */
export function normalizeRor(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw
    .trim()
    .replace(/^(https?:\/\/)?ror\.org\//i, '')
    .toLowerCase();
  return ROR_SHAPE.test(value) ? value : undefined;
}

/** Returns an ISSN as `1234-567X`, or undefined when the text is not an ISSN. */
export function normalizeIssn(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^([0-9]{4})-?([0-9]{3}[0-9X])$/.exec(raw.trim().toUpperCase());
  return match ? `${match[1]}-${match[2]}` : undefined;
}

/** Returns an ISBN-10 or ISBN-13 as digits only (upper-case `X`), or undefined. */
export function normalizeIsbn(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw
    .replace(/^(urn:)?isbn:?/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  return /^([0-9]{9}[0-9X]|97[89][0-9]{10})$/.test(value) ? value : undefined;
}

/** Returns an OpenAlex id (`W2741809807`, `A5023888391`, `I…`) of the given kind, or undefined. */
export function normalizeOpenAlexId(raw: unknown, kind: 'W' | 'A' | 'I'): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().replace(/^(https?:\/\/)?(api\.)?openalex\.org\/(works\/|authors\/)?/i, '');
  const upper = value.charAt(0).toUpperCase() + value.slice(1);
  return new RegExp(`^${kind}[0-9]{1,15}$`).test(upper) ? upper : undefined;
}

/** Returns a PubMed id (digits) from a PubMed URL or bare id, or undefined. */
export function normalizePmid(raw: unknown): string | undefined {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string') return undefined;
  const value = text
    .trim()
    .replace(/^(https?:\/\/)?(pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov\/pubmed)\//i, '');
  const digits = value.replace(/\/$/, '');
  return /^[0-9]{1,10}$/.test(digits) ? digits : undefined;
}

/** Returns a PubMed Central id with its `PMC` prefix, or undefined. */
export function normalizePmcid(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().replace(/^(https?:\/\/)?www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\//i, '');
  const match = /^(PMC)?([0-9]{1,10})\/?$/i.exec(value);
  return match ? `PMC${match[2]}` : undefined;
}

/** Returns a HAL document id without version (`hal-00845819`) from an id, URL or OAI id, or undefined. */
export function normalizeHalId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /([a-z][a-z0-9]*(?:-[a-z0-9]+)*-[0-9]{8})(v[0-9]+)?\/?$/.exec(raw.trim().toLowerCase());
  return match?.[1];
}
