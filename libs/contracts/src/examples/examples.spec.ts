import { isValidOrcid } from '../common/normalize';
import { EVENT_EXAMPLES } from './event-examples';

describe('examples', () => {
  it('use ORCID iDs with valid check digits', () => {
    const text = JSON.stringify(EVENT_EXAMPLES.map((entry) => entry.data));
    const orcids = text.match(/(?<![0-9a-f-])[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X](?![0-9a-f-])/g) ?? [];
    expect(orcids.length).toBeGreaterThan(0);
    expect(orcids.filter((orcid) => !isValidOrcid(orcid))).toEqual([]);
  });
});
