import path from 'node:path';

import { Client } from 'pg';

import { assertNoSchemaDrift } from '@atlas/database';
import { createTestDatabase } from '@atlas/testing';

import type { TestDatabase } from '@atlas/testing';

let database: TestDatabase;
let runtime: Client;

beforeAll(async () => {
  database = await createTestDatabase({ services: ['gateway'] });
  runtime = new Client({ connectionString: database.services.gateway!.runtimeUrl });
  await runtime.connect();
});

afterAll(async () => {
  await runtime?.end();
  await database?.drop();
});

describe('access schema', () => {
  it('matches schema.prisma', async () => {
    await assertNoSchemaDrift({
      url: database.services.gateway!.ownerUrl,
      schema: 'access',
      prismaSchemaPath: path.join(__dirname, '..', 'prisma', 'schema.prisma'),
    });
  });

  it('keeps the audit table append-only', async () => {
    await runtime.query(`INSERT INTO access_audit_events (action) VALUES ('role.granted')`);

    await expect(runtime.query('DELETE FROM access_audit_events')).rejects.toThrow();
    await expect(runtime.query(`UPDATE access_audit_events SET action = 'x'`)).rejects.toThrow();
  });

  it('rejects institutions without a valid ROR id', async () => {
    await expect(
      runtime.query(`INSERT INTO institutions (ror_id, name) VALUES ('not-a-ror', 'Example University')`),
    ).rejects.toThrow(/institutions_ror_format/);
  });
});
