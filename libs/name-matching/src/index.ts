export { foldText, foldUmlautsAsE, nameTokens, unifyPunctuation } from './fold';
export { SURNAME_PARTICLES, isParticle } from './particles';
export {
  parseName,
  parseGivenNames,
  parseFamilyName,
  familyForms,
  familyCoreTokens,
  familyKeys,
} from './parse-name';
export type { NameInput, GivenToken, ParsedName } from './parse-name';
export { GivenNameEquivalences, defaultGivenNameEquivalences } from './given-name-equivalences';
export { relateGivenTokens, middleNamesAgree } from './given-name-compare';
export type { GivenTokenRelation } from './given-name-compare';
export {
  NAME_MATCH_LEVELS,
  compareNames,
  compareParsedNames,
  compareWithVariants,
  isStrongerLevel,
} from './compare-names';
export type { NameComparison, NameMatchLevel } from './compare-names';
export { recordBlockingKeys, profileBlockingKeys } from './blocking-keys';
