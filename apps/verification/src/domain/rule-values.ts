import type { RuleIdentifierType } from '@atlas/contracts';
import {
  normalizeDoi,
  normalizeHalId,
  normalizeOpenAlexId,
  normalizeOrcid,
  parseArxivId,
} from '@atlas/source-parsers';

import { VerificationError, VerificationErrorReason } from './errors';

const NORMALIZERS: Record<RuleIdentifierType, (raw: string) => string | undefined> = {
  doi: normalizeDoi,
  arxiv: (raw) => parseArxivId(raw)?.id,
  hal: normalizeHalId,
  openalex_work: (raw) => normalizeOpenAlexId(raw, 'W'),
  openalex_author: (raw) => normalizeOpenAlexId(raw, 'A'),
  hal_idhal: (raw) =>
    /^[a-z0-9][a-z0-9.-]{0,99}$/.test(raw.trim().toLowerCase()) ? raw.trim().toLowerCase() : undefined,
  orcid: normalizeOrcid,
};

/** Normal form of an identifier rule's value, so rules compare with the identifiers of records. */
export function normalizeRuleValue(type: RuleIdentifierType, raw: string): string {
  const value = NORMALIZERS[type](raw);
  if (value === undefined) {
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.invalidIdentity,
      `Invalid ${type} identifier "${raw}"`,
      { identifierType: type, value: raw },
    );
  }
  return value;
}
