/** Error codes of the messaging library; each is used for one failure only. */
export const MESSAGING_ERROR_CODES = [
  'MESSAGING_ERR_INVALID_SCHEMA_NAME',
  'MESSAGING_ERR_INVALID_EVENT',
  'MESSAGING_ERR_INVALID_CONSUMER',
  'MESSAGING_ERR_PROVISIONING_FAILED',
  'MESSAGING_ERR_PUBLISH_FAILED',
  'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
  'MESSAGING_ERR_PAYLOAD_MISMATCH',
  'MESSAGING_ERR_CONNECTION_FAILED',
] as const;
export type MessagingErrorCode = (typeof MESSAGING_ERROR_CODES)[number];

/** A failure of the messaging library, with a stable code and the underlying cause. */
export class MessagingError extends Error {
  override readonly name = 'MessagingError';
  readonly code: MessagingErrorCode;
  /** Structured facts about the failure, such as the invalid fields. */
  readonly details?: Record<string, unknown>;

  constructor(
    code: MessagingErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}
