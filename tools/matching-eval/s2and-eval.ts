import { ProfileIndex, matchRecord } from '@atlas/matching-core';

import { readGzipJson, wilsonPair } from './s2and-helpers';

import type { MatchModel, MatchThresholds, ProfileSummary, RecordSummary } from '@atlas/matching-core';

interface Signature {
  signature_id: string;
  author_info: { first: string | null; middle: string | null; last: string; affiliations: string[] };
}

function given(signature: Signature): string {
  return [signature.author_info.first, signature.author_info.middle].filter(Boolean).join(' ');
}

function asProfile(signature: Signature): ProfileSummary {
  return {
    profileId: signature.signature_id,
    version: 1,
    names: [{ given: given(signature), family: signature.author_info.last }],
    orcids: [],
    emails: [],
    sourceAuthorIds: [],
    affiliations: signature.author_info.affiliations.map((name) => ({ name })),
    coauthors: [],
    topics: [],
    rules: [],
    decisionKeys: { confirmed: [], rejected: [] },
  };
}

function asRecord(signature: Signature): RecordSummary {
  return {
    source: 's2',
    sourceId: signature.signature_id,
    rawRecordId: signature.signature_id,
    checksum: signature.signature_id,
    identifiers: [],
    topics: [],
    similarityKeys: [],
    authors: [
      {
        position: 1,
        name: { given: given(signature), family: signature.author_info.last },
        sourceAuthorIds: [],
        affiliations: signature.author_info.affiliations.map((name) => ({ name })),
      },
    ],
  };
}

/**
 * Pairwise precision and recall on the S2AND subset: every signature is a one-mention profile, every
 * other signature a record; a pair is predicted the same author when its score reaches `suggest`.
 */
export function evaluateS2and(model: MatchModel, thresholds: MatchThresholds) {
  const signatures = Object.values(
    readGzipJson<Record<string, Signature>>('ground_truth/s2and/qian_subset_signatures.json.gz'),
  );
  const clusters = readGzipJson<Record<string, { signature_ids: string[] }>>(
    'ground_truth/s2and/qian_subset_clusters.json.gz',
  );
  const clusterOf = new Map<string, string>();
  for (const [clusterId, cluster] of Object.entries(clusters))
    for (const id of cluster.signature_ids) clusterOf.set(id, clusterId);

  const index = new ProfileIndex(signatures.map(asProfile));
  let truePairs = 0;
  let predicted = 0;
  let correct = 0;
  const sizes = new Map<string, number>();
  for (const id of clusterOf.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  for (const size of sizes.values()) truePairs += (size * (size - 1)) / 2;
  for (const signature of signatures) {
    const match = matchRecord(asRecord(signature), (author) => index.candidatesFor(author), model, {
      ...thresholds,
      suggest: 0,
    });
    for (const pair of match.pairs) {
      if (pair.profileId >= signature.signature_id || pair.score < thresholds.suggest) continue;
      predicted += 1;
      if (clusterOf.get(pair.profileId) === clusterOf.get(signature.signature_id)) correct += 1;
    }
  }
  return { signatures: signatures.length, truePairs, ...wilsonPair(correct, predicted, truePairs) };
}
