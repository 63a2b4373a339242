import path from 'node:path';

import type { DataSet } from './load-data-set';

/**
 * Every record of data/real. Profiles come from the live ORCID responses and the OpenAlex author
 * objects; the ORCID message-schema samples are illustrative, so they are imported as records but
 * make no profile.
 */
export function realDataSet(root: string): DataSet {
  return {
    importDir: path.join(root, 'data', 'real'),
    profilePaths: [
      'orcid/rorcid_api_v3.0',
      'orcid/dissemin_api_v2_records',
      'openalex/academic-explorer_authors.jsonl.gz',
      'openalex/api_responses/bvitamins_author_A5023888391.json.gz',
    ],
    recordPaths: ['.'],
  };
}
