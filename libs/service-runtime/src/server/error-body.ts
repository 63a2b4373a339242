import Type from 'typebox';

import type { Static } from 'typebox';

/** The one shape of every error response of every service. */
export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    /** Stable machine-readable code. */
    code: Type.String(),
    /** Human-readable explanation. */
    message: Type.String(),
    /** Structured details, e.g. the invalid fields. */
    details: Type.Optional(Type.Unknown()),
    /** Id of the request, also sent in the `x-correlation-id` header. */
    requestId: Type.String(),
  }),
});
export type ErrorBody = Static<typeof ErrorBodySchema>;
