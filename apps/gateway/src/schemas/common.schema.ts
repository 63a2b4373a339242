import Type from 'typebox';

import { UuidSchema } from '@atlas/contracts';
import { ErrorBodySchema } from '@atlas/service-runtime';

/** Query field naming the profile a curator or admin acts for; the caller's own profile when absent. */
export const ActingForQuerySchema = Type.Object({
  profileId: Type.Optional(UuidSchema),
});

/** Path parameter of routes addressing one object by id. */
export const IdParamsSchema = Type.Object({ id: UuidSchema });

/** Error responses every authenticated route may return, documented once. */
export const STANDARD_ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  429: ErrorBodySchema,
  503: ErrorBodySchema,
  504: ErrorBodySchema,
} as const;

/** Body of routes that return nothing. */
export const NoContentSchema = Type.Null();
