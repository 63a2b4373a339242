import type { FastifyRequest } from 'fastify';

import { ServiceError } from '@atlas/service-runtime';

/** Header through which a development client without a session names its profile. */
export const DEVELOPMENT_PROFILE_HEADER = 'x-atlas-dev-profile-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * DEVELOPMENT ONLY: reads the caller's profile id from the `x-atlas-dev-profile-id` header or the
 * `devProfileId` query parameter (EventSource cannot set headers). It works only when
 * `ATLAS_GATEWAY_DEV_IDENTITY` is true, and anyone who can reach the gateway may then act as any
 * profile, so production leaves it off.
 */
export function resolveProfileId(request: FastifyRequest, developmentIdentity: boolean): string {
  if (!developmentIdentity) {
    throw new ServiceError({
      code: 'GATEWAY_ERR_UNAUTHENTICATED',
      statusCode: 401,
      message: 'Sign-in is required',
    });
  }
  const header = request.headers[DEVELOPMENT_PROFILE_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.devProfileId;
  const profileId = typeof header === 'string' ? header : query;
  if (typeof profileId === 'string' && UUID.test(profileId)) return profileId;
  throw new ServiceError({
    code: 'GATEWAY_ERR_UNAUTHENTICATED',
    statusCode: 401,
    message: `Missing or invalid ${DEVELOPMENT_PROFILE_HEADER} header: pass the profile id as a lower-case UUID`,
  });
}
