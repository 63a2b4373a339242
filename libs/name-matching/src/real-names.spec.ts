import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { profileBlockingKeys, recordBlockingKeys } from './blocking-keys';
import { compareParsedNames } from './compare-names';
import { defaultGivenNameEquivalences } from './given-name-equivalences';
import { parseName } from './parse-name';

interface S2andSignature {
  author_info: { first: string | null; middle: string | null; last: string };
}

const S2AND_DIR = join(__dirname, '../../../data/real/ground_truth/s2and');

function readGzipJson<T>(file: string): T {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
}

function signatureName(signature: S2andSignature) {
  const { first, middle, last } = signature.author_info;
  return parseName({ given: [first, middle].filter(Boolean).join(' '), family: last });
}

describe('names of the S2AND gold clusters', () => {
  const signatures = readGzipJson<Record<string, S2andSignature>>(
    join(S2AND_DIR, 'qian_subset_signatures.json.gz'),
  );
  const clusters = readGzipJson<Record<string, { signature_ids: string[] }>>(
    join(S2AND_DIR, 'qian_subset_clusters.json.gz'),
  );

  it('keeps mentions of one author in a shared block and never calls them unrelated', () => {
    let pairs = 0;
    let blocked = 0;
    let unrelated = 0;
    for (const { signature_ids: ids } of Object.values(clusters)) {
      const first = signatures[ids[0] as string] as S2andSignature;
      const profileKeys = new Set(profileBlockingKeys(signatureName(first)));
      for (const id of ids.slice(1)) {
        const name = signatureName(signatures[id] as S2andSignature);
        pairs += 1;
        if (recordBlockingKeys(name).some((key) => profileKeys.has(key))) blocked += 1;
        if (compareParsedNames(name, signatureName(first)).level === 'unrelated') unrelated += 1;
      }
    }
    expect(pairs).toBeGreaterThan(5000);
    expect(blocked / pairs).toBeGreaterThan(0.99);
    expect(unrelated / pairs).toBeLessThan(0.01);
  });

  it('loads the shipped name-pair list', () => {
    const equivalences = defaultGivenNameEquivalences();
    expect(equivalences.size).toBeGreaterThan(5000);
    expect(equivalences.areEquivalent('jim', 'james')).toBe(true);
  });
});
