import { loadOpenAlexWorks } from './load-corpus';
import { personClusters } from './person-clusters';

import type { Work } from '@atlas/contracts';

describe('personClusters on the real OpenAlex works', () => {
  let works: Work[];

  beforeAll(() => {
    works = loadOpenAlexWorks();
  });

  it('links a split-off id sharing name and institution', () => {
    // Vincent Larivière (ORCID 0000-0002-2733-0689) also appears under a second id at Montréal.
    const owners = personClusters(works, ['A5068542997']);
    expect(owners.get('A5029738051')).toEqual(['A5068542997']);
  });

  it('links a split-off id sharing name and year', () => {
    const owners = personClusters(works, ['A5007671479']);
    expect(owners.get('A5113139420')).toEqual(['A5007671479']);
  });

  it('keeps namesakes with nothing in common apart', () => {
    const owners = personClusters(works, ['A5013165905']);
    expect(owners.get('A5013165905')).toEqual(['A5013165905']);
    expect(owners.has('A5102808166')).toBe(false);
  });

  it('returns nothing for an id absent from the corpus', () => {
    expect(personClusters(works, ['A0000000000']).size).toBe(0);
  });
});
