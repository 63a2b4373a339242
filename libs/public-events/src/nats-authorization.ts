import { publicSubscriberPermissions } from './nats-permissions';

/** A user in the nats-server configuration; the password may be a `$VARIABLE` the server reads from its environment. */
export interface NatsUser {
  user: string;
  password: string;
}

/** Users of the `authorization` block: the services' user and the outside systems' users. */
export interface NatsAuthorizationOptions {
  services: NatsUser;
  publicSubscribers: NatsUser[];
  /** Maps clients that send no credentials to the services' user, as the local stack does. */
  anonymousAsServices: boolean;
}

function quoted(value: string): string {
  // nats-server resolves an unquoted `$NAME` from its environment, so variables stay unquoted.
  return value.startsWith('$') ? value : JSON.stringify(value);
}

function list(values: string[], indent: string): string {
  return `[\n${values.map((value) => `${indent}  ${JSON.stringify(value)}`).join(',\n')}\n${indent}]`;
}

function subscriberEntry(subscriber: NatsUser): string {
  const permissions = publicSubscriberPermissions(subscriber.user);
  return [
    '    {',
    `      user: ${quoted(subscriber.user)}`,
    `      password: ${quoted(subscriber.password)}`,
    '      permissions: {',
    `        publish: { allow: ${list(permissions.publish.allow, '        ')} }`,
    `        subscribe: { allow: ${list(permissions.subscribe.allow, '        ')} }`,
    '      }',
    '    }',
  ].join('\n');
}

/** Renders the nats-server `authorization` block (and `no_auth_user` when asked) for the given users. */
export function renderNatsAuthorization(options: NatsAuthorizationOptions): string {
  const services = `    { user: ${quoted(options.services.user)}, password: ${quoted(options.services.password)} }`;
  const lines = [
    '# Generated from the public event contracts by libs/public-events; do not edit by hand.',
    'authorization {',
    '  users: [',
    services,
    ...options.publicSubscribers.map(subscriberEntry),
    '  ]',
    '}',
  ];
  if (options.anonymousAsServices) lines.push(`no_auth_user: ${quoted(options.services.user)}`);
  return `${lines.join('\n')}\n`;
}

/** Local-stack users: services connect without credentials and the `public` user has a fixed password. */
export const LOCAL_PUBLIC_SUBSCRIBER: NatsUser = { user: 'public', password: 'atlas-public-local' };

/** Configuration of the local stack's nats-server. */
export function localNatsAuthorization(): string {
  return renderNatsAuthorization({
    services: { user: 'atlas-services', password: 'atlas-services-local' },
    publicSubscribers: [LOCAL_PUBLIC_SUBSCRIBER],
    anonymousAsServices: true,
  });
}

/** Configuration for production: every password comes from the server's environment (a Kubernetes secret). */
export function productionNatsAuthorization(): string {
  return renderNatsAuthorization({
    services: { user: 'atlas-services', password: '$ATLAS_NATS_SERVICES_PASSWORD' },
    publicSubscribers: [{ user: 'public', password: '$ATLAS_NATS_PUBLIC_PASSWORD' }],
    anonymousAsServices: false,
  });
}
