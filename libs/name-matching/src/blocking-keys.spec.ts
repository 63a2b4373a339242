import { profileBlockingKeys, recordBlockingKeys } from './blocking-keys';
import { parseName } from './parse-name';

function blocksTogether(record: string, profile: string): boolean {
  const profileKeys = new Set(profileBlockingKeys(parseName({ full: profile })));
  return recordBlockingKeys(parseName({ full: record })).some((key) => profileKeys.has(key));
}

describe('blocking keys', () => {
  it('puts name forms of one person in a shared block', () => {
    expect(blocksTogether('W. Teahan', 'William John Teahan')).toBe(true);
    expect(blocksTogether('Jiménez Moscoso', 'José Alfredo Jiménez Moscoso')).toBe(true);
    expect(blocksTogether('J.A. Jimenez', 'José Alfredo Jiménez Moscoso')).toBe(true);
    expect(blocksTogether('Bert Teahan', 'Bob Teahan')).toBe(true);
    expect(blocksTogether('D. Sanaguano‐Moreno', 'Daniel Sanaguano Moreno')).toBe(true);
  });

  it('keeps different initials apart', () => {
    expect(blocksTogether('P. Butcher', 'William Teahan')).toBe(false);
    expect(blocksTogether('P. Teahan', 'William Teahan')).toBe(false);
  });

  it('blocks a record without given name on the surname key', () => {
    expect(recordBlockingKeys(parseName({ family: 'Kuncheva' }))).toEqual(['kuncheva:?']);
    expect(profileBlockingKeys(parseName({ full: 'Ludmila Kuncheva' }))).toContain('kuncheva:?');
  });
});
