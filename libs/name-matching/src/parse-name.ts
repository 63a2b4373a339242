import { foldText, foldUmlautsAsE, nameTokens, unifyPunctuation } from './fold';
import { isParticle } from './particles';

/** A name as a source gives it: split into given and family parts, or as one printed string. */
export interface NameInput {
  /** Given name(s), when the source separates them. */
  given?: string;
  /** Family name, when the source separates it. */
  family?: string;
  /** The whole name as printed, used when the parts are missing. */
  full?: string;
}

/** One given-name token: a full name or an initial. */
export interface GivenToken {
  /** Folded text (`jean`, or `j` for an initial). */
  value: string;
  /** Whether the source gave only the initial. */
  initial: boolean;
}

/** One reading of a name, folded for comparison. */
export interface ParsedName {
  /** Given names in order. */
  given: GivenToken[];
  /** Family-name tokens, particles included (`van`, `der`, `aalst`). */
  family: string[];
  /** Family name with umlauts written as `ae`/`oe`/`ue`, when the text had umlauts. */
  familyUmlautForm?: string;
  /** Whether this reading took the last two words as one compound family name. */
  compound?: boolean;
  /** Whether this reading puts the family name first where the text put it last, or the reverse. */
  reordered: boolean;
}

/** Splits one given-name string into tokens; `J.-P.` gives two initials, `JP` (all capitals) too. */
export function parseGivenNames(text: string): GivenToken[] {
  const tokens: GivenToken[] = [];
  for (const word of unifyPunctuation(text).split(/[\s.\-,]+/)) {
    const folded = nameTokens(foldText(word)).join('');
    if (folded.length === 0) continue;
    const capitalsOnly = /^\p{Lu}{2,3}$/u.test(word) && !/[AEIOUY]/.test(word.slice(1));
    if (capitalsOnly) {
      for (const letter of folded) tokens.push({ value: letter, initial: true });
    } else {
      tokens.push({ value: folded, initial: folded.length === 1 });
    }
  }
  return tokens;
}

/** Folded family-name tokens; hyphens, spaces and apostrophes separate or join as the text does. */
export function parseFamilyName(text: string): string[] {
  return nameTokens(foldText(text));
}

function fromParts(given: string, family: string, reordered = false): ParsedName {
  const parsed: ParsedName = { given: parseGivenNames(given), family: parseFamilyName(family), reordered };
  const umlaut = foldUmlautsAsE(family);
  if (umlaut) parsed.familyUmlautForm = nameTokens(umlaut).join('');
  return parsed;
}

/** Index where the family name starts: the last word, with the particles just before it. */
function familyStart(words: string[]): number {
  let start = words.length - 1;
  while (start > 1 && isParticle(foldText(words[start - 1] ?? ''))) start -= 1;
  return start;
}

function isUpperWord(word: string): boolean {
  return word.length > 1 && /\p{L}/u.test(word) && word === word.toUpperCase();
}

/** Readings of a printed name without parts: family last, family first, and a two-word family name. */
function parseFullName(full: string): ParsedName[] {
  const text = unifyPunctuation(full).trim();
  const comma = text.indexOf(',');
  if (comma > 0) return [fromParts(text.slice(comma + 1), text.slice(0, comma))];

  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length < 2) return [fromParts('', text)];
  const start = familyStart(words);
  const familyLast = fromParts(words.slice(0, start).join(' '), words.slice(start).join(' '));
  const familyFirst = fromParts(words.slice(1).join(' '), words[0] ?? '', true);
  const upperFirst = isUpperWord(words[0] ?? '') && !words.slice(1).every(isUpperWord);
  const readings = upperFirst
    ? [{ ...familyFirst, reordered: false }, familyLast]
    : [familyLast, familyFirst];

  const beforeFamily = words[start - 1] ?? '';
  if (start >= 2 && parseGivenNames(beforeFamily).every((token) => !token.initial)) {
    const compound = fromParts(words.slice(0, start - 1).join(' '), words.slice(start - 1).join(' '));
    readings.push({ ...compound, compound: true });
  }
  return readings;
}

/**
 * Readings of a name, the most likely first. Names with separate parts have one reading; printed
 * names get the family-name-first and compound-surname readings too, which comparison may use.
 */
export function parseName(input: NameInput): ParsedName[] {
  if (input.family && input.family.trim().length > 0) {
    const parsed = fromParts(input.given ?? '', input.family);
    if (parsed.family.length > 0) return [parsed];
  }
  const full = input.full ?? [input.given, input.family].filter(Boolean).join(' ');
  const readings = parseFullName(full);
  const usable = readings.filter((reading) => reading.family.join('').length > 1);
  return usable.length > 0 ? usable : readings.filter((reading) => reading.family.length > 0);
}

// Matching compares each parsed name many times; parsed names are never changed, so these caches
// keyed by the object stay valid and are freed with it.
const familyFormsCache = new WeakMap<ParsedName, string[]>();
const familyCoreTokensCache = new WeakMap<string[], string[]>();

/** Spellings of a family name that count as the same: with and without particles, umlauts as `e`. */
export function familyForms(name: ParsedName): string[] {
  const cached = familyFormsCache.get(name);
  if (cached) return cached;
  const forms = new Set<string>([name.family.join('')]);
  const core = name.family.filter((token) => !isParticle(token));
  if (core.length > 0) forms.add(core.join(''));
  if (name.familyUmlautForm) forms.add(name.familyUmlautForm);
  const result = [...forms];
  familyFormsCache.set(name, result);
  return result;
}

/**
 * Keys of a name's family part: its spellings and its core tokens. Two names agree at any level
 * above `unrelated` only when they share one of these keys, so an index on them finds every name
 * that can agree with another without comparing them all.
 */
export function familyKeys(readings: ParsedName[]): string[] {
  const keys = new Set<string>();
  for (const reading of readings) {
    for (const form of familyForms(reading)) keys.add(form);
    for (const token of familyCoreTokens(reading.family)) keys.add(token);
  }
  return [...keys];
}

/** Family tokens that are neither particles nor single letters, for compound-surname comparison. */
export function familyCoreTokens(family: string[]): string[] {
  const cached = familyCoreTokensCache.get(family);
  if (cached) return cached;
  const result = family.filter((token) => token.length > 1 && !isParticle(token));
  familyCoreTokensCache.set(family, result);
  return result;
}
