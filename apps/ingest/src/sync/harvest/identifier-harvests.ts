import type { Page } from '@atlas/source-clients';

import type { SyncProfile } from '../../repositories/sync-profile.repository';
import type { HarvestPage, HarvestQuery, SourceHarvest } from './harvest-types';
import type { SourceClients } from './source-clients';

/** Fields of a HAL document that the HAL parser reads, plus the modification date and ids. */
export const HAL_FIELDS = [
  'docid',
  'halId_s',
  'uri_s',
  'version_i',
  'docType_s',
  'title_s',
  'subTitle_s',
  'abstract_s',
  'authFullName_s',
  'authFirstName_s',
  'authLastName_s',
  'authIdHalFullName_fs',
  'authIdHal_s',
  'authORCIDIdExt_s',
  'authId_i',
  'authQuality_s',
  'doiId_s',
  'arxivId_s',
  'pubmedId_s',
  'isbn_s',
  'journalTitle_s',
  'journalIssn_s',
  'journalEissn_s',
  'journalPublisher_s',
  'publisher_s',
  'bookTitle_s',
  'conferenceTitle_s',
  'volume_s',
  'issue_s',
  'page_s',
  'producedDate_s',
  'producedDateY_i',
  'publicationDate_s',
  'language_s',
  'keyword_s',
  'domain_s',
  'modifiedDate_tdate',
];

/** Changes since a time, in the forms the sources take. */
export interface Since {
  at: Date;
}

/** `YYYY-MM-DD` of a time in UTC; sources filtering by day then return the whole day again. */
export function dayOf(since: Since | undefined): string | undefined {
  return since?.at.toISOString().slice(0, 10);
}

async function* changedPages(pages: AsyncGenerator<Page>): AsyncGenerator<HarvestPage> {
  for await (const page of pages) {
    yield {
      records: page.records.map((raw) => ({ raw, changed: true })),
      resumeToken: page.resumeToken,
      url: page.url,
    };
  }
}

/**
 * OpenAlex works by author id and by ORCID, updated since the last sync (`from_updated_date`).
 * NOTE: name-variant searches run on HAL and arXiv only; OpenAlex and Crossref are searched by identifiers.
 */
export function openAlexHarvest(clients: SourceClients, profile: SyncProfile, since?: Since): SourceHarvest {
  const fromUpdatedDate = dayOf(since);
  const filters = [
    ...profile.openalexIds.map((authorId) => ({ key: `author:${authorId}`, filter: { authorId } })),
    ...profile.orcids.map((orcid) => ({ key: `orcid:${orcid}`, filter: { orcid } })),
  ];
  const queries = filters.map(({ key, filter }): HarvestQuery => ({
    key,
    pages: (resumeToken) =>
      changedPages(
        clients.openalex.workPages(
          { ...filter, ...(fromUpdatedDate ? { fromUpdatedDate } : {}) },
          resumeToken ? { resumeToken } : {},
        ),
      ),
  }));
  return { source: 'openalex', queries, completeListsOf: [] };
}

/**
 * Crossref works by ORCID, updated since the last sync (`from-update-date`).
 * TODO: ask for the retraction notices of harvested DOIs (`updates:` filter); today a notice is seen
 * only when it carries the profile's ORCID or arrives by import.
 */
export function crossrefHarvest(clients: SourceClients, profile: SyncProfile, since?: Since): SourceHarvest {
  const fromUpdateDate = dayOf(since);
  const queries = profile.orcids.map((orcid): HarvestQuery => ({
    key: `orcid:${orcid}`,
    pages: (resumeToken) =>
      changedPages(
        clients.crossref.workPages(
          { orcid, ...(fromUpdateDate ? { fromUpdateDate } : {}) },
          resumeToken ? { resumeToken } : {},
        ),
      ),
  }));
  return { source: 'crossref', queries, completeListsOf: [] };
}

/** Quotes a value for a Solr query, escaping backslashes and quotes. */
export function solrPhrase(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/**
 * HAL documents by idHAL and by ORCID, and by full name variants when the profile allows name
 * searches, modified since the last sync (`modifiedDate_tdate`).
 */
export function halHarvest(clients: SourceClients, profile: SyncProfile, since?: Since): SourceHarvest {
  const modifiedSince = since?.at.toISOString();
  const names = profile.allowNameSearch ? [profile.displayName, ...profile.nameVariants] : [];
  const searches = [
    ...profile.halIdhals.map((idHal) => ({
      key: `idhal:${idHal}`,
      filter: `authIdHal_s:${solrPhrase(idHal)}`,
    })),
    ...profile.orcids.map((orcid) => ({
      key: `orcid:${orcid}`,
      filter: `authORCIDIdExt_s:${solrPhrase(orcid)}`,
    })),
    ...names.map((name) => ({ key: `name:${name}`, filter: `authFullName_s:${solrPhrase(name)}` })),
  ];
  const queries = searches.map(({ key, filter }): HarvestQuery => ({
    key,
    pages: (resumeToken) =>
      changedPages(
        clients.hal.searchPages(
          { filters: [filter], fields: HAL_FIELDS, ...(modifiedSince ? { modifiedSince } : {}) },
          resumeToken ? { resumeToken } : {},
        ),
      ),
  }));
  return { source: 'hal', queries, completeListsOf: [] };
}
