import { fitModel } from './fit-model';
import { DEFAULT_MODEL } from './match-model';

import type { LabelledPair } from './fit-model';

function pairs(count: number, levels: LabelledPair['levels'], isMatch: boolean): LabelledPair[] {
  return Array.from({ length: count }, () => ({ levels, isMatch }));
}

describe('fitModel', () => {
  const training = [
    ...pairs(20, { name: 'exact', coauthors: 'several' }, true),
    ...pairs(5, { name: 'exact', coauthors: 'unknown' }, true),
    ...pairs(40, { name: 'initials', coauthors: 'unknown' }, false),
    ...pairs(10, { name: 'initials', coauthors: 'none' }, false),
  ];
  const model = fitModel(DEFAULT_MODEL, training, training, 'test-model');

  it('learns a weight for an informative level', () => {
    expect(model.weights.coauthors?.['several']).toBeGreaterThan(0);
    expect(model.weights.coauthors?.['none']).toBeLessThan(0);
  });

  it('keeps the unknown level neutral', () => {
    expect(model.weights.coauthors?.['unknown']).toBe(0);
  });

  it('orders match and non-match after calibration', () => {
    expect(model.calibration.slope).toBeGreaterThan(0);
    expect(model.version).toBe('test-model');
  });
});
