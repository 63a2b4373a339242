import { compareNames } from './compare-names';
import { familyKeys, parseName } from './parse-name';

const NAME_PAIRS: [string, string][] = [
  ['Wil M. P. van der Aalst', 'W. van der Aalst'],
  ['José Alfredo Jiménez Moscoso', 'J. A. Jiménez-Moscoso'],
  ['D. Sanaguano‐Moreno', 'Daniel Sanaguano Moreno'],
  ['Kaiser, Lukasz', 'Lukasz Kaiser'],
  ['Vincent Larivière', 'V. Lariviere'],
];

function shareKey(left: string, right: string): boolean {
  const rightKeys = new Set(familyKeys(parseName({ full: right })));
  return familyKeys(parseName({ full: left })).some((key) => rightKeys.has(key));
}

describe('familyKeys', () => {
  it.each(NAME_PAIRS)('shares a key between %s and %s', (left, right) => {
    expect(compareNames({ full: left }, { full: right }).level).not.toBe('unrelated');
    expect(shareKey(left, right)).toBe(true);
  });

  it('shares no key between unrelated names', () => {
    expect(shareKey('William J. Teahan', 'Olaf Ronneberger')).toBe(false);
  });

  it('keeps the core of a particle surname', () => {
    expect(familyKeys(parseName({ full: 'Rudolf de Groot' }))).toContain('groot');
  });
});
