import Type from 'typebox';

/** Small value schemas shared by events and request/reply operations. */

/** ISO 8601 calendar date, possibly partial: `2018`, `2018-02` or `2018-02-13`. */
export const PartialDateSchema = Type.String({
  pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$',
  description: 'ISO 8601 date, year or year-month',
});

/** Full ISO 8601 calendar date (`2026-12-04`). */
export const DateSchema = Type.String({ format: 'date' });

/** RFC 3339 timestamp. */
export const TimestampSchema = Type.String({ format: 'date-time' });

/** Publication year; the lower bound admits seventeenth-century journals that Crossref indexes. */
export const YearSchema = Type.Integer({ minimum: 1000, maximum: 2200 });

/** ISO 639-1 or 639-3 language code in lower case. */
export const LanguageCodeSchema = Type.String({ pattern: '^[a-z]{2,3}$' });

/** ISO 3166-1 alpha-2 country code in upper case. */
export const CountryCodeSchema = Type.String({ pattern: '^[A-Z]{2}$' });

/** E-mail address. */
export const EmailSchema = Type.String({ format: 'email', maxLength: 320 });

/** Absolute http(s) URL. */
export const UrlSchema = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });

/** Checksum of a raw record's content, prefixed with its algorithm (`sha256:<64 hex>`). */
export const ChecksumSchema = Type.String({ pattern: '^sha256:[0-9a-f]{64}$' });

/** Calibrated probability between 0 and 1. */
export const ProbabilitySchema = Type.Number({ minimum: 0, maximum: 1 });

/** Count of things, never negative. */
export const CountSchema = Type.Integer({ minimum: 0 });

/** Short label or name, one line. */
export function ShortTextSchema(maxLength = 256) {
  return Type.String({ minLength: 1, maxLength });
}
