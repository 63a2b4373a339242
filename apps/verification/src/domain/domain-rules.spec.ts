import type { Work } from '@atlas/contracts';

import { DEFAULT_AUTO_DECISION_POLICY, automaticDecision } from './auto-decision';
import { checkMerge } from './merge-rules';
import { authorSurname, materialChanges, titleFingerprint, workMatchKeys } from './work-keys';

const policy = DEFAULT_AUTO_DECISION_POLICY;

describe('automatic decisions', () => {
  it('confirms only eligible proposals at or above both the floor and the profile threshold', () => {
    expect(automaticDecision({ score: 0.97, autoConfirmEligible: true, reasons: [] }, 0.9, policy)).toBe(
      'confirm',
    );
    expect(
      automaticDecision({ score: 0.97, autoConfirmEligible: true, reasons: [] }, 0.98, policy),
    ).toBeUndefined();
    expect(
      automaticDecision({ score: 0.99, autoConfirmEligible: false, reasons: [] }, 0.9, policy),
    ).toBeUndefined();
    expect(
      automaticDecision({ score: 0.94, autoConfirmEligible: true, reasons: [] }, 0.5, policy),
    ).toBeUndefined();
  });

  it('rejects proposals an exclude rule speaks against, and near-zero scores', () => {
    const excluded = [{ signal: 'identifier_rule' as const, contribution: -8, detail: 'excluded DOI' }];
    expect(
      automaticDecision({ score: 0.99, autoConfirmEligible: true, reasons: excluded }, 0.9, policy),
    ).toBe('reject');
    expect(automaticDecision({ score: 0.01, autoConfirmEligible: false, reasons: [] }, 0.9, policy)).toBe(
      'reject',
    );
  });
});

describe('work keys', () => {
  const work = {
    title: 'Équations <i>différentielles</i>: une étude',
    identifiers: { arxiv: '2101.00001' },
    relations: [{ type: 'has-version', idType: 'doi', id: 'https://doi.org/10.1000/ABC' }],
    publicationYear: 2021,
    authors: [{ position: 1, rawName: 'Hélène Dupont-Moreau', affiliations: [], isCorresponding: false }],
  } as unknown as Work;

  it('folds titles and surnames and maps arXiv ids to their DOI', () => {
    expect(titleFingerprint(work.title)).toBe('equations differentielles une etude');
    expect(authorSurname({ rawName: 'Curie, Marie' })).toBe('curie');
    expect(workMatchKeys(work)).toMatchObject({
      arxivDoi: '10.48550/arxiv.2101.00001',
      versionDois: ['10.1000/abc'],
      firstAuthorSurname: 'dupont moreau',
      publicationYear: 2021,
    });
  });

  it('reports material changes of title, authors and identifiers only', () => {
    const retitled = { ...work, title: 'Another title' } as Work;
    expect(materialChanges(work, retitled)).toEqual(['title']);
    expect(materialChanges(work, { ...work } as Work)).toEqual([]);
  });
});

describe('merge rules', () => {
  it('refuses cycles, self merges and a primary merged elsewhere', () => {
    expect(() => checkMerge({ id: 'a', mergedIntoId: null }, [{ workId: 'a', role: 'duplicate' }])).toThrow(
      /cycle/,
    );
    expect(() => checkMerge({ id: 'a', mergedIntoId: 'b' }, [{ workId: 'b', role: 'version' }])).toThrow(
      'Merging b into a would form a cycle',
    );
    expect(() => checkMerge({ id: 'a', mergedIntoId: 'c' }, [{ workId: 'b', role: 'version' }])).toThrow(
      /merged into c/,
    );
    expect(() =>
      checkMerge({ id: 'a', mergedIntoId: null }, [{ workId: 'b', role: 'erratum' }]),
    ).not.toThrow();
  });
});
