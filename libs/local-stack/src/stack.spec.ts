import { Client } from 'pg';

import { startStack } from './stack';

describe('startStack', () => {
  it('reuses the running servers instead of starting new ones', async () => {
    const first = await startStack();
    const second = await startStack();

    expect(second.started).toEqual([]);
    expect(second.databaseUrl).toBe(first.databaseUrl);
    expect(second.natsUrl).toBe(first.natsUrl);
    expect(second.redisUrl).toBe(first.redisUrl);
  });

  it('serves PostgreSQL 16 with the extensions the schemas use', async () => {
    const { databaseUrl } = await startStack();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(160000);

      const available = await client.query<{ name: string }>(
        'SELECT name FROM pg_available_extensions WHERE name = ANY($1)',
        [['pg_trgm', 'unaccent', 'btree_gin', 'pgcrypto', 'citext']],
      );
      expect(available.rows.map((row) => row.name).sort()).toEqual([
        'btree_gin',
        'citext',
        'pg_trgm',
        'pgcrypto',
        'unaccent',
      ]);
    } finally {
      await client.end();
    }
  });
});
