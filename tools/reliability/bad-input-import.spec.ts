import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createPool } from '@atlas/database';
import { runImport } from '@atlas/ingest-import';
import type { ImportWarning } from '@atlas/ingest-import';
import { createTestDatabase } from '@atlas/testing';

const CORPUS_DIR = path.join(__dirname, 'bad-input');

/** One file case: the rejection codes the import must log, the records it keeps and the fields it warns about. */
interface ImportCase {
  id: string;
  file: string;
  about: string;
  /**
   * `kept` counts the records stored, -1 when it depends on where gzip finds a cut file's damage.
   * `warnings` lists the invalid fields the parsed works drop or flag, in file order.
   */
  expect: { rejections: string[]; kept: number; warnings: string[] };
}

const cases = (
  JSON.parse(readFileSync(path.join(CORPUS_DIR, 'import-manifest.json'), 'utf8')) as { cases: ImportCase[] }
).cases;

/** Imports one file into a database of its own, so `kept` does not depend on the cases run before. */
async function importIntoFreshDatabase(file: string) {
  const database = await createTestDatabase({ services: ['ingest'] });
  const runtime = createPool(database.services.ingest!.runtimeUrl, { statementTimeoutMs: 0 });
  const owner = createPool(database.services.ingest!.ownerUrl);
  try {
    const warnings: ImportWarning[] = [];
    const report = await runImport(
      runtime,
      { inputs: [path.join(CORPUS_DIR, file)], resume: 'never' },
      { onWarning: (warning) => warnings.push(warning) },
    );
    const { rows } = await owner.query<{ records: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM ingest.raw_records) AS records,
              (SELECT count(*)::int FROM ingest.outbox_events WHERE subject LIKE '%.record.%') AS events`,
    );
    return { report, warnings, stored: rows[0]! };
  } finally {
    await runtime.end();
    await owner.end();
    await database.drop();
  }
}

describe('bad-input corpus through the ingest import', () => {
  it('holds at least 20 file cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((testCase): [string, ImportCase] => [testCase.id, testCase]))(
    '%s',
    async (_id, testCase) => {
      const { report, warnings, stored } = await importIntoFreshDatabase(testCase.file);
      const { counts } = report;

      expect([testCase.about, report.status]).toEqual([testCase.about, 'succeeded']);
      expect(report.rejections.map((rejection) => rejection.code)).toEqual(testCase.expect.rejections);
      for (const rejection of report.rejections) expect(rejection.reason.length).toBeGreaterThan(10);
      expect(warnings.map((warning) => warning.field)).toEqual(testCase.expect.warnings);
      for (const warning of warnings) expect(warning.reason.length).toBeGreaterThan(10);
      if (testCase.expect.kept >= 0) expect(counts.inserted).toBe(testCase.expect.kept);
      expect(counts.updated + counts.unchanged).toBe(0);
      expect(stored.records).toBe(counts.inserted);
      expect(stored.events).toBe(counts.inserted);
    },
    60_000,
  );
});
