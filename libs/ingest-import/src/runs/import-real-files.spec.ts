import { ImportRunFinishedV1, RecordStoredV1 } from '@atlas/contracts';

import { runImport } from '../index';
import { REAL_FILES, ROOT, openIngestDatabase, parsedRecords } from '../../test/import-fixtures';
import type { IngestDatabase } from '../../test/import-fixtures';

describe('import of real source files', () => {
  let db: IngestDatabase;

  beforeAll(async () => {
    db = await openIngestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('stores every parsed record once and publishes works', async () => {
    const report = await runImport(db.pool, { inputs: REAL_FILES, cwd: ROOT, resume: 'never' });
    expect(report.status).toBe('succeeded');
    expect(report.counts.updated).toBe(0);

    const expected = new Set<string>();
    const kinds = new Set<string>();
    for (const file of REAL_FILES) {
      for (const record of await parsedRecords(file)) {
        expected.add(`${record.source}|${record.sourceId}|${record.checksum}`);
        kinds.add(`${record.source}:${record.entityType}`);
      }
    }
    const stored = await db.owner.query<{ key: string }>(
      `SELECT source || '|' || source_id || '|' || checksum AS key FROM raw_records`,
    );
    expect(new Set(stored.rows.map((row) => row.key))).toEqual(expected);
    expect(stored.rows).toHaveLength(expected.size);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'arxiv:work',
        'crossref:work',
        'hal:work',
        'openalex:author',
        'openalex:work',
        'orcid:person',
        'orcid:work',
      ]),
    );

    const works = await db.owner.query(
      `SELECT count(*)::int AS n FROM raw_record_heads WHERE entity_type = 'work'`,
    );
    const events = await db.owner.query(`SELECT count(*)::int AS n FROM outbox_events WHERE subject = $1`, [
      RecordStoredV1.subject,
    ]);
    expect(events.rows[0].n).toBe(works.rows[0].n);
  });

  it('inserts and updates nothing on a second import', async () => {
    const recordEvents = `SELECT count(*)::int AS n FROM outbox_events WHERE subject <> $1`;
    const before = await db.owner.query(recordEvents, [ImportRunFinishedV1.subject]);
    const report = await runImport(db.pool, { inputs: REAL_FILES, cwd: ROOT, resume: 'never' });

    expect(report.status).toBe('succeeded');
    expect(report.counts.inserted).toBe(0);
    expect(report.counts.updated).toBe(0);
    expect(report.counts.unchanged).toBeGreaterThan(0);
    const after = await db.owner.query(recordEvents, [ImportRunFinishedV1.subject]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('keeps the same latest versions whatever the file order', async () => {
    const fresh = await openIngestDatabase();
    try {
      // One run per file, last file first: a run sorts its own files.
      for (const file of [...REAL_FILES].reverse()) {
        await runImport(fresh.pool, { inputs: [file], cwd: ROOT, resume: 'never' });
      }
      const heads = (pool: IngestDatabase['owner']) =>
        pool.query(`SELECT source, source_id, checksum FROM raw_record_heads ORDER BY 1, 2`);
      expect((await heads(fresh.owner)).rows).toEqual((await heads(db.owner)).rows);
    } finally {
      await fresh.close();
    }
  });
});
