import Type from 'typebox';

import { UuidSchema } from '@atlas/contracts';
import { ErrorBodySchema } from '@atlas/service-runtime';

/** Query field naming the profile a curator or admin acts for; the caller's own profile when absent. */
export const ActingForQuerySchema = Type.Object({
  profileId: Type.Optional(UuidSchema),
});

/** Path parameter of routes addressing one object by id. */
export const IdParamsSchema = Type.Object({ id: UuidSchema });

/**
 * Error responses of a route that calls a service: invalid input, the statuses each service error
 * code maps to (see `HTTP_STATUS_BY_RPC_CODE`), and 500 for an unexpected failure in the gateway.
 */
export const SERVICE_ERRORS = {
  400: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  429: ErrorBodySchema,
  500: ErrorBodySchema,
  502: ErrorBodySchema,
  503: ErrorBodySchema,
  504: ErrorBodySchema,
} as const;

/** Error responses every authenticated route may return, documented once. */
export const STANDARD_ERRORS = {
  ...SERVICE_ERRORS,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
} as const;

/** Body of routes that return nothing. */
export const NoContentSchema = Type.Null();
