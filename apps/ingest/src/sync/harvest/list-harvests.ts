import type { SyncProfile } from '../../repositories/sync-profile.repository';
import type { HarvestPage, HarvestQuery, SourceHarvest } from './harvest-types';
import type { Since } from './identifier-harvests';
import type { SourceClients } from './source-clients';

type Json = Record<string, unknown>;

function groupModifiedAt(group: Json): number | undefined {
  const date = group['last-modified-date'];
  const value = typeof date === 'object' && date !== null ? (date as Json).value : undefined;
  return typeof value === 'number' ? value : undefined;
}

/**
 * ORCID works of each ORCID iD of the profile. The public API returns the whole works list in one
 * response and has no server-side date filter, so every group is listed (for removals) and only the
 * groups whose `last-modified-date` is later than the last sync count as changed.
 */
export function orcidHarvest(clients: SourceClients, profile: SyncProfile, since?: Since): SourceHarvest {
  const sinceMs = since?.at.getTime();
  const queries = profile.orcids.map((orcid): HarvestQuery => ({
    key: `orcid:${orcid}`,
    async *pages(): AsyncGenerator<HarvestPage> {
      const works = await clients.orcid.works(orcid);
      const records = works.groups.map((group) => {
        const modifiedAt = groupModifiedAt(group);
        const changed = sinceMs === undefined || modifiedAt === undefined || modifiedAt > sinceMs;
        return { raw: group, ownerOrcid: orcid, changed };
      });
      yield { records, resumeToken: undefined, url: works.url };
    },
  }));
  return { source: 'orcid', queries, completeListsOf: [...profile.orcids] };
}

function entryUpdatedAt(entry: Json): number | undefined {
  const updated = entry.updated;
  let text = typeof updated === 'string' ? updated : undefined;
  if (typeof updated === 'object' && updated !== null) {
    const wrapped = (updated as Json)['#text'];
    if (typeof wrapped === 'string') text = wrapped;
  }
  const time = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/**
 * arXiv entries by author name: the display name, and the name variants when the profile allows name
 * searches. The API has no date filter, so entries come newest-updated first and paging stops at the
 * first page reaching entries older than the last sync.
 */
export function arxivHarvest(clients: SourceClients, profile: SyncProfile, since?: Since): SourceHarvest {
  const sinceMs = since?.at.getTime();
  const names = [profile.displayName, ...(profile.allowNameSearch ? profile.nameVariants : [])];
  const queries = names.map((name): HarvestQuery => ({
    key: `author:${name}`,
    async *pages(resumeToken): AsyncGenerator<HarvestPage> {
      const pages = clients.arxiv.entryPages(
        { searchQuery: `au:"${name.replace(/"/g, '')}"`, sortBy: 'lastUpdatedDate', sortOrder: 'descending' },
        resumeToken ? { resumeToken } : {},
      );
      for await (const page of pages) {
        const fresh = page.records.filter((entry) => {
          const updatedAt = entryUpdatedAt(entry);
          return sinceMs === undefined || updatedAt === undefined || updatedAt >= sinceMs;
        });
        const reachedOlder = fresh.length < page.records.length;
        yield {
          records: fresh.map((raw) => ({ raw, changed: true })),
          resumeToken: reachedOlder ? undefined : page.resumeToken,
          url: page.url,
        };
        if (reachedOlder) return;
      }
    },
  }));
  return { source: 'arxiv', queries, completeListsOf: [] };
}
