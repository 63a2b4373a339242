import type { Source } from '@atlas/contracts';

import type { SyncProfile } from '../../repositories/sync-profile.repository';
import type { SourceHarvest } from './harvest-types';
import { crossrefHarvest, halHarvest, openAlexHarvest } from './identifier-harvests';
import type { Since } from './identifier-harvests';
import { arxivHarvest, orcidHarvest } from './list-harvests';
import type { SourceClients } from './source-clients';

/** Builds what to ask one source for one profile, for changes since `since` or everything when absent. */
export function planHarvest(
  clients: SourceClients,
  source: Source,
  profile: SyncProfile,
  since?: Since,
): SourceHarvest {
  switch (source) {
    case 'openalex':
      return openAlexHarvest(clients, profile, since);
    case 'crossref':
      return crossrefHarvest(clients, profile, since);
    case 'hal':
      return halHarvest(clients, profile, since);
    case 'orcid':
      return orcidHarvest(clients, profile, since);
    case 'arxiv':
      return arxivHarvest(clients, profile, since);
  }
}
