import type { FieldWarning } from '../model/parse-outcome';
import type { PartialDate } from '../text/dates';
import { exactPartialDate, partialDateFromParts, YEAR_RANGE } from '../text/dates';
import { isOpenAlexWorkType } from './work-types';

type Json = Record<string, unknown>;

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';
const shown = (value: unknown) => JSON.stringify(value).slice(0, 100);

/**
 * Reads the publication date, falling back to the year. A date or year out of range is dropped
 * with a warning instead of being cut down to its valid leading parts.
 */
export function checkedPublicationDate(raw: Json, warnings: FieldWarning[]): PartialDate | undefined {
  if (isGiven(raw.publication_date)) {
    const date = exactPartialDate(raw.publication_date);
    if (date) return date;
    warnings.push({
      field: 'publication_date',
      reason: `${shown(raw.publication_date)} is not a valid date (YYYY-MM-DD, years ${YEAR_RANGE.min}-${YEAR_RANGE.max}); dropped`,
    });
  }
  if (!isGiven(raw.publication_year)) return undefined;
  const year = partialDateFromParts(raw.publication_year);
  if (year) return year;
  warnings.push({
    field: 'publication_year',
    reason: `${shown(raw.publication_year)} is not a year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}; dropped`,
  });
  return undefined;
}

/** Warns about fields of the wrong JSON type and unknown types that the mapping reads differently. */
export function checkWorkFieldTypes(raw: Json, warnings: FieldWarning[]): void {
  const title = raw.title ?? raw.display_name;
  if (isGiven(title) && typeof title !== 'string') {
    warnings.push({ field: 'title', reason: `${shown(title)} is a ${typeof title}, not text; read as text` });
  }
  if (isGiven(raw.authorships) && !Array.isArray(raw.authorships)) {
    warnings.push({
      field: 'authorships',
      reason: `${shown(raw.authorships)} is a ${typeof raw.authorships}, not a list; no authors read`,
    });
  }
  if (isGiven(raw.type) && !isOpenAlexWorkType(raw.type)) {
    warnings.push({
      field: 'type',
      reason: `${shown(raw.type)} is not an OpenAlex work type; mapped to other`,
    });
  }
}
