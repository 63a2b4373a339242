/** Codes of the matching service's own errors. */
export const MATCHING_ERROR_CODES = [
  'MATCHING_ERR_THRESHOLDS',
  'MATCHING_ERR_WORK_REFERENCE',
  'MATCHING_ERR_WORK_INVALID',
] as const;
export type MatchingErrorCode = (typeof MATCHING_ERROR_CODES)[number];

/** An error of the matching service, with a code and the cause that led to it. */
export class MatchingError extends Error {
  override readonly name = 'MatchingError';

  constructor(
    readonly code: MatchingErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
