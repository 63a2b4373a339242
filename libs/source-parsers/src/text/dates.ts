/** A publication date as precise as the source gives it, with its year. */
export interface PartialDate {
  /** ISO 8601 date: `2018`, `2018-02` or `2018-02-13`. */
  date: string;
  /** Year of the date. */
  year: number;
}

const MIN_YEAR = 1000;
const MAX_YEAR = 2200;

/** Builds a partial date from numeric parts; drops a month or day that is out of range. */
export function partialDateFromParts(year: unknown, month?: unknown, day?: unknown): PartialDate | undefined {
  const y = toInteger(year);
  if (y === undefined || y < MIN_YEAR || y > MAX_YEAR) return undefined;

  const m = toInteger(month);
  if (m === undefined || m < 1 || m > 12) return { date: String(y), year: y };

  const monthText = `${y}-${pad(m)}`;
  const d = toInteger(day);
  if (d === undefined || d < 1 || d > daysInMonth(y, m)) return { date: monthText, year: y };
  return { date: `${monthText}-${pad(d)}`, year: y };
}

/** Reads a leading `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a date or timestamp text. */
export function partialDateFromText(value: unknown): PartialDate | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;

  const match = /^\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?/.exec(String(value));
  return match ? partialDateFromParts(match[1], match[2], match[3]) : undefined;
}

/**
 * Reads a date text that must be valid as a whole: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
 * followed by a time. Returns undefined when any part is out of range, where `partialDateFromText`
 * would keep the valid leading parts.
 */
export function exactPartialDate(value: unknown): PartialDate | undefined {
  const date = partialDateFromText(value);
  if (!date) return undefined;
  const text = String(value).trim();
  return text === date.date || text.startsWith(`${date.date}T`) ? date : undefined;
}

/** Lowest and highest publication year the unified model accepts. */
export const YEAR_RANGE = { min: MIN_YEAR, max: MAX_YEAR } as const;

function toInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
