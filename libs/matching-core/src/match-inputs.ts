import type { NameInput, ParsedName } from '@atlas/name-matching';

/** One author position of a record, reduced to what matching reads. */
export interface AuthorSummary {
  /** Position in the author list, from 1. */
  position: number;
  /** Name as the source gives it. */
  name: NameInput;
  /** Valid ORCID iD. */
  orcid?: string;
  /** E-mail address printed on the record. */
  email?: string;
  /** Source author ids as `scheme:value` (`openalex:A5023888391`, `hal_idhal:olivier-devauchelle`). */
  sourceAuthorIds: string[];
  /** Affiliations at the time of the work. */
  affiliations: { rorId?: string; name?: string }[];
}

/** The matching-relevant summary of one record version, stored so later profiles can be matched. */
export interface RecordSummary {
  source: string;
  sourceId: string;
  rawRecordId: string;
  checksum: string;
  /** Publication year. */
  year?: number;
  /** Identifiers as `type:value`, in the vocabulary of identifier rules (`doi:10.1/x`). */
  identifiers: string[];
  /** Topic keys (ids, else folded labels). */
  topics: string[];
  /** Keys that make two records similar for feedback (venue ISSN, source author ids). */
  similarityKeys: string[];
  authors: AuthorSummary[];
}

/** An identifier rule of a profile. */
export interface ProfileRule {
  /** Identifier as `type:value`, same vocabulary as `RecordSummary.identifiers`. */
  identifier: string;
  effect: 'include' | 'exclude';
}

/** What the matcher knows about one profile. */
export interface ProfileSummary {
  profileId: string;
  version: number;
  /** Display name and declared name variants. */
  names: NameInput[];
  orcids: string[];
  emails: string[];
  /** Source author ids as `scheme:value`. */
  sourceAuthorIds: string[];
  affiliations: { name: string; rorId?: string; startYear?: number; endYear?: number }[];
  /** Names of co-authors of confirmed works. */
  coauthors: string[];
  /** Topic keys of confirmed works. */
  topics: string[];
  activeYears?: { first: number; last: number };
  rules: ProfileRule[];
  /** Similarity keys of records the profile confirmed and rejected before. */
  decisionKeys: { confirmed: string[]; rejected: string[] };
}

/** A profile prepared once for many comparisons: names parsed, lists turned into sets. */
export interface PreparedProfile {
  summary: ProfileSummary;
  names: ParsedName[][];
  coauthorNames: ParsedName[][];
  /** Indexes into `coauthorNames`, by family key (`familyKeys`). */
  coauthorsByFamilyKey: Map<string, number[]>;
  orcids: Set<string>;
  emails: Set<string>;
  sourceAuthorIds: Set<string>;
  rorIds: Set<string>;
  affiliationNames: string[];
  topics: Set<string>;
  rules: Map<string, 'include' | 'exclude'>;
  confirmedKeys: Set<string>;
  rejectedKeys: Set<string>;
}
