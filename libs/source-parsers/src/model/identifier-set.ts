import type { WorkIdentifiers } from '@atlas/contracts';

import { arxivIdFromDoi, parseArxivId } from '../identifiers/arxiv';
import { checkDoi } from '../identifiers/doi';
import {
  normalizeHalId,
  normalizeIsbn,
  normalizeOpenAlexId,
  normalizePmcid,
  normalizePmid,
} from '../identifiers/other-ids';
import { cleanText } from '../text/clean-text';

/** An identifier the source gave that failed validation, kept as text. */
export interface InvalidIdentifier {
  scheme: string;
  raw: string;
  reason: string;
}

/**
 * Collects the identifiers of one work in normal form. The first valid value of each scheme wins;
 * invalid values are kept in `invalid` so no source value is lost.
 */
export class IdentifierSet {
  readonly values: WorkIdentifiers = {};
  readonly invalid: InvalidIdentifier[] = [];

  /** Adds a DOI; an arXiv DataCite DOI also sets the arXiv id. */
  addDoi(raw: unknown): void {
    const check = checkDoi(raw);
    if (!check) return;
    if (!check.valid) return this.addInvalid('doi', check.raw, check.reason);

    this.values.doi ??= check.value;
    const arxiv = arxivIdFromDoi(check.value);
    if (arxiv) this.addArxiv(arxiv.id);
  }

  /** Adds an arXiv id (any style, version ignored) and its DataCite DOI. */
  addArxiv(raw: unknown): void {
    if (raw === undefined || raw === null || raw === '') return;
    const arxiv = parseArxivId(raw);
    if (!arxiv) return this.addInvalid('arxiv', String(raw), 'not an arXiv id of the new or old style');

    this.values.arxiv ??= arxiv.id;
    this.values.arxivDoi ??= arxiv.doi;
  }

  addOpenAlex(raw: unknown): void {
    const id = normalizeOpenAlexId(raw, 'W');
    if (id) this.values.openalex ??= id;
  }

  addHal(raw: unknown): void {
    const id = normalizeHalId(raw);
    if (id) this.values.hal ??= id;
  }

  addPmid(raw: unknown): void {
    const id = normalizePmid(raw);
    if (id) this.values.pmid ??= id;
  }

  addPmcid(raw: unknown): void {
    const id = normalizePmcid(raw);
    if (id) this.values.pmcid ??= id;
  }

  addIsbn(raw: unknown): void {
    const isbn = normalizeIsbn(raw);
    if (!isbn) return;
    const isbns = (this.values.isbns ??= []);
    if (!isbns.includes(isbn) && isbns.length < 20) isbns.push(isbn);
  }

  /** Adds an identifier of a scheme the model has no field for (MAG, Scopus EID, handle...). */
  addOther(scheme: string, raw: unknown): void {
    const value = cleanText(raw, 512);
    if (!value) return;
    const other = (this.values.other ??= []);
    const known = other.some((entry) => entry.scheme === scheme && entry.value === value);
    if (!known && other.length < 50) other.push({ scheme, value });
  }

  private addInvalid(scheme: string, raw: string, reason: string): void {
    const text = cleanText(raw, 512);
    if (text && this.invalid.length < 50) this.invalid.push({ scheme, raw: text, reason });
  }
}
