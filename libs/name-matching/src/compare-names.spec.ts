import { compareNames } from './compare-names';

import type { NameInput } from './parse-name';

/** Names below are printed exactly as OpenAlex, HAL, Crossref or S2AND give them. */
function level(left: NameInput | string, right: NameInput | string): string {
  const asInput = (name: NameInput | string): NameInput => (typeof name === 'string' ? { full: name } : name);
  return compareNames(asInput(left), asInput(right)).level;
}

describe('compareNames on real names', () => {
  it('folds accents and treats equal names as exact', () => {
    expect(level('Frédéric Labrosse', 'Frederic Labrosse')).toBe('exact');
    expect(level('Dušan Veličković', 'Dusan Velickovic')).toBe('exact');
    expect(level('Dušan Veličković', 'Dušan Veličkovic′')).toBe('exact');
  });

  it('unifies apostrophe code points', () => {
    expect(level("Jean-Yves L'Excellent", 'Jean-Yves L\u2019Excellent')).toBe('exact');
    expect(level("Mamadou N'Diaye", 'Mamadou N\u02BCDiaye')).toBe('exact');
  });

  it('treats hyphenated and spaced surnames alike', () => {
    expect(level('Daniel A. Sanaguano-Moreno', 'Daniel Sanaguano Moreno')).toBe('compatible');
    expect(level('D. Sanaguano\u2010Moreno', 'Daniel A. Sanaguano-Moreno')).toBe('initials');
  });

  it('reads initials with or without dots, hyphenated initials included', () => {
    expect(level('J.-P. Dalmont', 'Jean-Pierre Dalmont')).toBe('initials');
    expect(level('D.B Einstein', 'Douglas B. Einstein')).toBe('initials');
    expect(level('BG Edwards', 'Benjamin Gareth Edwards')).toBe('initials');
    expect(level('F WB Einstein', 'Frederick W. B. Einstein')).toBe('initials');
  });

  it('accepts absent middle names and rejects different ones', () => {
    expect(level('Jonathan Roberts', 'Jonathan C. Roberts')).toBe('compatible');
    expect(level('Sarah Irene Leichty', 'Sarah I. Leichty')).toBe('compatible');
    expect(level('Richard Dean Smith', 'Richard W. Smith')).toBe('conflicting');
  });

  it('ignores particles and their case', () => {
    expect(level({ given: 'W.M.P.', family: 'van der Aalst' }, { full: 'Wil M. P. Van Der Aalst' })).toBe(
      'initials',
    );
    expect(level({ given: 'Wil', family: 'Aalst' }, { full: 'Wil van der Aalst' })).toBe('exact');
  });

  it('matches one part of a Spanish double surname', () => {
    expect(level('José Alfredo Jiménez Moscoso', 'José Alfredo Jiménez')).toBe('compatible');
    expect(level('Jiménez Moscoso, José Alfredo', 'José Alfredo Jiménez Moscoso')).toBe('exact');
    expect(level('P. García Parejo', { given: 'Pablo', family: 'García Parejo' })).toBe('initials');
  });

  it('reads family-name-first orders', () => {
    expect(level('J. A. JIMÉNEZ', 'José A. Jiménez')).toBe('initials');
    expect(level('Jiménez, José Alfredo', 'José Alfredo Jiménez')).toBe('exact');
    expect(level('Jiménez, José A.', 'José A. Jiménez')).toBe('compatible');
    expect(level('KUNCHEVA Ludmila', 'Ludmila Kuncheva')).toBe('exact');
    expect(level('Kuncheva Ludmila', 'Ludmila Kuncheva')).toBe('compatible');
  });

  it('uses nickname and spelling equivalences', () => {
    expect(level('Jim Hokanson', 'James A. Hokanson')).toBe('compatible');
    expect(level('Fred Labrosse', 'Frédéric Labrosse')).toBe('compatible');
    expect(level('Ludmilla I. Kuncheva', 'Ludmila I. Kuncheva')).toBe('compatible');
    expect(level('Liudmila I. Kuncheva', 'Ludmila Kuncheva')).toBe('compatible');
    expect(level('Rick Smith', 'Richard John Smith')).toBe('compatible');
  });

  it('folds umlaut transliterations', () => {
    expect(level('R. Müller', 'R. Mueller')).toBe('initials');
    expect(level('Laurent Krähenbühl', 'Laurent Krahenbuhl')).toBe('exact');
  });

  it('separates conflicting given names and unrelated family names', () => {
    expect(level('Matthew Monroe', 'Michael Monroe')).toBe('conflicting');
    expect(level('Scott Baker', 'Sydney Baker')).toBe('conflicting');
    expect(level('Jason Priem', 'Heather Piwowar')).toBe('unrelated');
  });

  it('reports a surname-only agreement', () => {
    expect(level({ family: 'Kuncheva' }, 'Ludmila I. Kuncheva')).toBe('surname_only');
  });
});
