import type { FastifySchema, RouteOptions } from 'fastify';

import '../fastify-augment';

/** Sentence shared by the tags whose routes act for a profile. */
const ACTING_FOR =
  "Routes act on the caller's own profile unless the `profileId` query names another. Curators may name " +
  'the profiles of the institutions they curate and admins any profile; any other profile gets 404.';

/** Tags of the API in the order /docs lists them, each with what its operations cover. */
export const API_TAGS = [
  {
    name: 'auth',
    description:
      "Signing in with ORCID and the browser session. Browsers send the session's CSRF token in the " +
      'X-CSRF-Token header on every write.',
  },
  {
    name: 'profile',
    description: `A profile with its identities, settings and identifier rules. ${ACTING_FOR}`,
  },
  {
    name: 'candidates',
    description:
      'The review queue: author positions of harvested records that matching proposed for a profile, ' +
      `with a score and its reasons, and the decisions taken on them. ${ACTING_FOR}`,
  },
  {
    name: 'works',
    description:
      'Canonical works confirmed for a profile, one per publication, with the records of every source ' +
      `attached. ${ACTING_FOR}`,
  },
  { name: 'reports', description: `Statistics and citation exports of a profile's works. ${ACTING_FOR}` },
  {
    name: 'notifications',
    description: `A profile's notifications, as a paged list and as a stream of server-sent events. ${ACTING_FOR}`,
  },
  { name: 'public', description: 'Publication lists for university web pages, read with no sign-in.' },
  {
    name: 'admin',
    description:
      'Imports, profiles, accounts, roles, institutions, memberships and API tokens. Only accounts with ' +
      'the admin role may call these routes; others get 403. Every change to accounts, roles, ' +
      'institutions, memberships and tokens is written to the audit table.',
  },
  { name: 'events', description: 'The events that other university systems may subscribe to.' },
];

/**
 * Adds to an operation's description the API token scope its route requires, read from the same route
 * config that the authentication hook checks, so the document cannot promise another scope.
 */
export function describeTokenScope({
  schema,
  url,
  route,
}: {
  schema: FastifySchema;
  url: string;
  route: RouteOptions;
}): { schema: FastifySchema; url: string } {
  const { access = 'public', scope } = route.config ?? {};
  if (!schema || access === 'public' || !scope) return { schema, url };
  const sentence = `API tokens need the \`${scope}\` scope.`;
  const description = schema.description ? `${schema.description} ${sentence}` : sentence;
  return { schema: { ...schema, description }, url };
}
