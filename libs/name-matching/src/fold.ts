/**
 * Text folding for name comparison. Comparison keys are built in three steps: NFKC turns
 * compatibility forms (full-width letters, ligatures) into ordinary ones, NFKD splits accented letters
 * so their combining marks can be dropped, and a few letters without a decomposition are mapped by hand.
 */

/** Apostrophe-like code points printed inside names (O'Brien, N'Diaye): U+0027, U+2019, U+02BC and kin. */
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032]/g;

/** Hyphen-like code points (U+2010 hyphen, U+2011, en and em dash, minus) folded to ASCII `-`. */
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2212\uFE63\uFF0D]/g;

/** Letters NFKD leaves whole, folded to their usual Latin spelling. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
};

const COMBINING_MARKS = /\p{M}/gu;

/** Unifies apostrophe and hyphen code points, after NFKC. */
export function unifyPunctuation(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHES, "'").replace(HYPHENS, '-');
}

/** Lower case, accents removed, special letters spelled out; apostrophes and hyphens unified, not removed. */
export function foldText(text: string): string {
  const lower = unifyPunctuation(text).toLowerCase();
  const withoutMarks = lower.normalize('NFKD').replace(COMBINING_MARKS, '');
  return withoutMarks.replace(/[ßøłđðþæœıħ]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/**
 * German transliteration of umlauts (ä → ae), which some sources print instead of the accent:
 * `Müller` is also spelled `Mueller`. Returns undefined when the text has no umlaut.
 */
export function foldUmlautsAsE(text: string): string | undefined {
  const lower = unifyPunctuation(text).toLowerCase().normalize('NFC');
  if (!/[äöü]/.test(lower)) return undefined;
  return foldText(lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'));
}

/** Splits folded text into letter tokens; apostrophes join (o'brien → obrien), other punctuation splits. */
export function nameTokens(folded: string): string[] {
  return folded
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}
