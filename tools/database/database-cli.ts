// Database commands for scripts and deployment jobs:
//   generate <app...>          run prisma generate for the apps' schemas (all apps when none given)
//   provision                  provision DATABASE_URL (a superuser URL); prints the role URLs as JSON
//   migrate <app> <ownerUrl>   apply the app's migrations with its owner role
import path from 'node:path';

import pino from 'pino';

import {
  SERVICE_SCHEMAS,
  generatePrismaClient,
  migrateService,
  prismaDirectory,
  provisionDatabase,
} from '@atlas/database';

import type { ServiceName } from '@atlas/database';

const USAGE = 'Usage: database-cli generate [app...] | provision | migrate <app> <owner-url>';
const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..');
const log = pino({ name: 'database-cli' }, pino.destination(2));

function serviceName(value: string | undefined): ServiceName {
  if (value !== undefined && value in SERVICE_SCHEMAS) return value as ServiceName;
  throw new Error(
    `Unknown app "${value ?? ''}"; expected one of ${Object.keys(SERVICE_SCHEMAS).join(', ')}.`,
  );
}

async function main([command, ...args]: string[]): Promise<void> {
  switch (command) {
    case 'generate': {
      const apps = args.length > 0 ? args.map(serviceName) : (Object.keys(SERVICE_SCHEMAS) as ServiceName[]);
      for (const app of apps) {
        const schemaPath = path.join(prismaDirectory(app), 'schema.prisma');
        await generatePrismaClient({ schemaPath, workspaceRoot: WORKSPACE_ROOT });
        log.info({ app, schemaPath }, 'Generated Prisma client');
      }
      return;
    }
    case 'provision': {
      const adminUrl = process.env.DATABASE_URL;
      if (!adminUrl) throw new Error('DATABASE_URL is not set; give a superuser URL.');
      const result = await provisionDatabase(adminUrl, {
        rotatePasswords: args.includes('--rotate-passwords'),
      });
      log.info({ changes: result.changes }, 'Provisioned database');
      process.stdout.write(`${JSON.stringify(result.schemas, null, 2)}\n`);
      return;
    }
    case 'migrate': {
      const app = serviceName(args[0]);
      const ownerUrl = args[1] ?? process.env.ATLAS_MIGRATION_URL;
      if (!ownerUrl) throw new Error('Give the owner URL as the second argument or in ATLAS_MIGRATION_URL.');
      const migrationsDir = path.join(WORKSPACE_ROOT, prismaDirectory(app), 'migrations');
      const result = await migrateService({ ownerUrl, schema: SERVICE_SCHEMAS[app], migrationsDir, log });
      log.info({ app, ...result }, 'Migrations up to date');
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". ${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  log.error({ err: error }, 'Database command failed');
  process.exitCode = 1;
});
