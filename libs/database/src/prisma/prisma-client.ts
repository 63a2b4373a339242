import { PrismaPg } from '@prisma/adapter-pg';

import { poolConfig } from '../pool';

import type { PoolOptions } from '../pool';

/** Options every generated Prisma 7 client constructor accepts. */
export interface PrismaClientConstructorOptions {
  adapter: PrismaPg;
}

/** The `PrismaClient` class of a service's generated client. */
export type PrismaClientClass<Client> = new (options: PrismaClientConstructorOptions) => Client;

/**
 * Creates a service's Prisma client on the pg driver adapter, with the same pool settings as
 * `createPool`. The client class comes from the service's own generated client, which this shared
 * library cannot import. Prisma 7 needs no prisma.config.ts for this: the adapter carries the URL.
 */
export function createPrismaClient<Client>(
  PrismaClient: PrismaClientClass<Client>,
  url: string,
  options: PoolOptions = {},
): Client {
  const adapter = new PrismaPg(poolConfig(url, { applicationName: 'atlas-prisma', ...options }));
  return new PrismaClient({ adapter });
}
