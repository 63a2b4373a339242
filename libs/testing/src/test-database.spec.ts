import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import {
  SERVICE_SCHEMAS,
  createPrismaClient,
  findSchemaDrift,
  generatePrismaClient,
  migrateService,
  newId,
  prismaDirectory,
  prismaExecutor,
  withCredentials,
} from '@atlas/database';

import { createTestDatabase } from './test-database';

import type { PrismaClientClass, PrismaRawClient, ServiceName } from '@atlas/database';
import type { TestDatabase } from './test-database';

const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = Object.keys(SERVICE_SCHEMAS) as ServiceName[];

describe('createTestDatabase', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ services: SERVICES });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('migrates every requested service', async () => {
    for (const service of SERVICES) {
      const urls = database.services[service]!;
      const client = new Client({ connectionString: urls.ownerUrl });
      await client.connect();
      const rows = await client
        .query('SELECT migration_name FROM _prisma_migrations')
        .finally(() => client.end());
      expect(rows.rowCount).toBeGreaterThan(0);
    }
  });

  it('creates independent databases in parallel', async () => {
    const others = await Promise.all([createTestDatabase({ services: ['ingest'] }), createTestDatabase()]);
    try {
      expect(new Set([database.name, ...others.map((other) => other.name)]).size).toBe(3);
    } finally {
      await Promise.all(others.map((other) => other.drop()));
    }
  });

  describe.each(SERVICES)('schema of %s', (service) => {
    it('matches its schema.prisma', async () => {
      const drift = await findSchemaDrift({
        url: database.services[service]!.ownerUrl,
        schema: SERVICE_SCHEMAS[service],
        prismaSchemaPath: path.join(WORKSPACE_ROOT, prismaDirectory(service), 'schema.prisma'),
      });

      expect(drift).toEqual([]);
    });
  });
});

describe('schema drift check', () => {
  let database: TestDatabase;
  let copy: string;

  beforeEach(async () => {
    database = await createTestDatabase();
    copy = mkdtempSync(path.join(tmpdir(), 'atlas-drift-'));
    cpSync(path.join(WORKSPACE_ROOT, prismaDirectory('ingest')), copy, { recursive: true });
  });
  afterEach(async () => {
    rmSync(copy, { recursive: true, force: true });
    await database.drop();
  });

  it('reports columns a migration changed', async () => {
    mkdirSync(path.join(copy, 'migrations', '20261205000000_altered'));
    writeFileSync(
      path.join(copy, 'migrations', '20261205000000_altered', 'migration.sql'),
      `ALTER TABLE outbox_events ADD COLUMN attempts integer NOT NULL DEFAULT 0;
       ALTER TABLE outbox_events ALTER COLUMN subject DROP NOT NULL;
       ALTER TABLE inbox_events ALTER COLUMN subject TYPE varchar(200);
       CREATE TABLE stray (id int);`,
    );
    const ownerUrl = withCredentials(database.adminUrl, 'atlas_ingest_owner', 'test-atlas_ingest_owner');
    await migrateService({ ownerUrl, schema: 'ingest', migrationsDir: path.join(copy, 'migrations') });

    const drift = await findSchemaDrift({
      url: ownerUrl,
      schema: 'ingest',
      prismaSchemaPath: path.join(copy, 'schema.prisma'),
    });

    expect(drift).toEqual([
      'table stray: in the database, not in schema.prisma',
      'column outbox_events.subject: NOT NULL in schema.prisma, nullable in the database',
      'column outbox_events.attempts: in the database, not in schema.prisma',
      'column inbox_events.subject: type text in schema.prisma, varchar in the database',
    ]);
  });

  it('reports models the migrations never created', async () => {
    const schemaPath = path.join(copy, 'schema.prisma');
    writeFileSync(
      schemaPath,
      `${readFileSync(schemaPath, 'utf8')}\nmodel Missing {\n  id String @id @db.Uuid\n\n  @@map("missing")\n  @@schema("ingest")\n}\n`,
    );
    const ownerUrl = withCredentials(database.adminUrl, 'atlas_ingest_owner', 'test-atlas_ingest_owner');
    await migrateService({ ownerUrl, schema: 'ingest', migrationsDir: path.join(copy, 'migrations') });

    const drift = await findSchemaDrift({ url: ownerUrl, schema: 'ingest', prismaSchemaPath: schemaPath });

    expect(drift).toEqual(['table missing: in schema.prisma, not in the database']);
  });
});

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  sentAt: Date | null;
}

interface IngestPrismaClient extends PrismaRawClient {
  outboxEvent: {
    create(args: { data: { id: string; subject: string; payload: object } }): Promise<OutboxRow>;
    findMany(args: { where: { sentAt: null } }): Promise<OutboxRow[]>;
    update(args: { where: { id: string }; data: { sentAt: Date } }): Promise<OutboxRow>;
  };
  $transaction<T>(work: (tx: PrismaRawClient) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}

describe('generated Prisma client', () => {
  let database: TestDatabase;
  let prisma: IngestPrismaClient;

  beforeAll(async () => {
    const schemaPath = path.join(WORKSPACE_ROOT, prismaDirectory('ingest'), 'schema.prisma');
    await generatePrismaClient({ schemaPath, workspaceRoot: WORKSPACE_ROOT });
    // Loaded at run time: the generated client is build output, absent until generated.
    const generated = (await import(
      path.join(WORKSPACE_ROOT, 'apps/ingest/src/generated/prisma/client')
    )) as {
      PrismaClient: PrismaClientClass<IngestPrismaClient>;
    };
    database = await createTestDatabase({ services: ['ingest'] });
    prisma = createPrismaClient(generated.PrismaClient, database.services.ingest!.runtimeUrl);
  }, 120_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('writes and reads outbox events as the runtime role', async () => {
    const id = newId();

    await prisma.outboxEvent.create({
      data: { id, subject: 'atlas.ingest.record.stored.v1', payload: { recordId: 'r1' } },
    });
    const pending = await prisma.outboxEvent.findMany({ where: { sentAt: null } });
    await prisma.outboxEvent.update({ where: { id }, data: { sentAt: new Date() } });

    expect(pending).toEqual([expect.objectContaining({ id, payload: { recordId: 'r1' }, sentAt: null })]);
    expect(await prisma.outboxEvent.findMany({ where: { sentAt: null } })).toEqual([]);
  });

  it('runs SQL inside a Prisma transaction through prismaExecutor', async () => {
    const id = newId();

    const inserted = await prisma.$transaction(async (tx) => {
      const executor = prismaExecutor(tx);
      await executor.query(
        'INSERT INTO inbox_events (consumer, event_id, subject) VALUES ($1, $2::uuid, $3)',
        ['spec', id, 'atlas.matching.candidates.proposed.v1'],
      );
      return executor.query<{ consumer: string }>(
        'SELECT consumer FROM inbox_events WHERE event_id = $1::uuid',
        [id],
      );
    });

    expect(inserted).toEqual({ rows: [{ consumer: 'spec' }], rowCount: 1 });
  });

  it('cannot change payloads of outbox events', async () => {
    await expect(prisma.$executeRawUnsafe(`UPDATE outbox_events SET payload = '{}'::jsonb`)).rejects.toThrow(
      /permission denied/,
    );
  });
});
