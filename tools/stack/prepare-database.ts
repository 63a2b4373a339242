import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  SERVICE_SCHEMAS,
  migrateService,
  prismaDirectory,
  provisionDatabase,
  schemaRoles,
} from '@atlas/database';
import { findWorkspaceRoot, stackDirectory } from '@atlas/local-stack';

import type { MigrationLogger, ServiceName } from '@atlas/database';

/** Environment variable that carries a service's own runtime-role database URL. */
export function databaseUrlVariable(service: ServiceName): string {
  return `ATLAS_${service.toUpperCase()}_DATABASE_URL`;
}

/** Reads the role passwords kept beside the stack, creating any that are missing. */
function rolePasswords(directory: string): Record<string, string> {
  const file = path.join(directory, 'role-passwords.json');
  const passwords: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  for (const schema of Object.values(SERVICE_SCHEMAS)) {
    const roles = schemaRoles(schema);
    for (const role of [roles.owner, roles.runtime]) {
      if (passwords[role]) continue;
      passwords[role] = randomBytes(18).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  }
  return passwords;
}

/**
 * Provisions the schemas and roles of every service with the superuser URL, applies each service's
 * migrations as its owner role, and returns the variables that give each service its runtime URL.
 */
export async function prepareDatabase(
  adminUrl: string,
  log: MigrationLogger,
): Promise<Record<string, string>> {
  const root = findWorkspaceRoot();
  const provisioned = await provisionDatabase(adminUrl, { passwords: rolePasswords(stackDirectory(root)) });
  const environment: Record<string, string> = {};

  for (const [service, schema] of Object.entries(SERVICE_SCHEMAS) as Array<[ServiceName, string]>) {
    const roles = provisioned.schemas[schema];
    if (!roles) throw new Error(`Provisioning returned no roles for schema ${schema}.`);
    const migrationsDir = path.join(root, prismaDirectory(service), 'migrations');
    await migrateService({ ownerUrl: roles.owner.url, schema, migrationsDir, log });
    environment[databaseUrlVariable(service)] = roles.runtime.url;
  }
  return environment;
}
