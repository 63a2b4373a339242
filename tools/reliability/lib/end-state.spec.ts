import { diffEndStates } from './end-state';
import type { EndState, FactKind } from './end-state';

const KINDS: FactKind[] = [
  'rawRecords',
  'candidateKeys',
  'candidates',
  'decisions',
  'workAuthorships',
  'pendingReminders',
];

/** Builds an end state from natural keys per kind; a key listed twice occurs twice. */
function state(facts: Partial<Record<FactKind, string[]>>): EndState {
  const result = {} as EndState;
  for (const kind of KINDS) {
    const counts = new Map<string, number>();
    for (const key of facts[kind] ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
    result[kind] = counts;
  }
  return result;
}

// Natural keys as the fault runs read them, for real OpenAlex works of data/real.
const RECORD_A = 'openalex|W2741809807';
const RECORD_B = 'openalex|W100927044';

describe('diffEndStates', () => {
  it('finds nothing between equal states', () => {
    const facts = { rawRecords: [RECORD_A, RECORD_B] };
    const diff = diffEndStates(state(facts), state(facts));

    expect(diff.rawRecords).toEqual({ expected: 2, actual: 2, missing: 0, extra: 0, examples: [] });
  });

  it('counts lost facts as missing and repeated ones as extra', () => {
    const diff = diffEndStates(
      state({ rawRecords: [RECORD_A, RECORD_B] }),
      state({ rawRecords: [RECORD_A, RECORD_A] }),
    );

    expect(diff.rawRecords).toMatchObject({ expected: 2, actual: 2, missing: 1, extra: 1 });
    expect(diff.rawRecords.examples.sort()).toEqual([`+1 ${RECORD_A}`, `-1 ${RECORD_B}`]);
  });

  it('compares each kind on its own', () => {
    const diff = diffEndStates(
      state({ candidates: [`${RECORD_A}|2|0000-0002-1642-628X|pending`] }),
      state({ candidates: [`${RECORD_A}|2|0000-0002-1642-628X|confirmed`] }),
    );

    expect(diff.candidates).toMatchObject({ missing: 1, extra: 1 });
    expect(diff.rawRecords).toMatchObject({ missing: 0, extra: 0 });
  });
});
