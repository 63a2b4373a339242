import { gzipSync } from 'node:zlib';

import { RecordStoredV1 } from '@atlas/contracts';
import { RejectionCode } from '@atlas/source-parsers';

import { runImport } from '../index';
import type { ImportRejection, ImportRunReport } from '../index';
import {
  OPENALEX_WORKS,
  jsonLines,
  openIngestDatabase,
  parsedRecords,
  realJsonLines,
  temporaryFolder,
} from '../../test/import-fixtures';
import type { IngestDatabase } from '../../test/import-fixtures';

type Work = Record<string, unknown>;

const workId = (work: Work) => String(work['id']).replace('https://openalex.org/', '');

describe('import of bad input', () => {
  let db: IngestDatabase;
  let works: Work[];
  let report: ImportRunReport;
  let truncatedIds: string[];
  const folder = temporaryFolder();
  const files: Record<string, string> = {};

  const rejectionsOf = (name: string): ImportRejection[] =>
    report.rejections.filter((rejection) => rejection.file === files[name]);

  beforeAll(async () => {
    db = await openIngestDatabase();
    works = await realJsonLines(OPENALEX_WORKS, 31);
    const [w0, w1, w2, w3, w4, w5, w6, w7, w8] = works as [
      Work,
      Work,
      Work,
      Work,
      Work,
      Work,
      Work,
      Work,
      Work,
    ];
    const untitled: Work = { ...w2, title: null };
    delete untitled['display_name'];
    const padding = 'x'.repeat(5 * 1024 * 1024);

    files['malformed'] = folder.write(
      'malformed.jsonl',
      `${JSON.stringify(w0)}\n{"id": "${String(w1['id'])}", "title": \n${JSON.stringify(w1)}\n`,
    );
    files['missing'] = folder.write('missing-title.jsonl', jsonLines([untitled, w3]));
    files['unknown'] = folder.write('works.txt', `id,title\n${workId(w4)},"${String(w4['title'])}"\n`);
    files['mismatch'] = folder.write('works.xml', jsonLines([w4]));
    files['nul'] = folder.write(
      'nul.jsonl',
      jsonLines([{ ...w5, title: `${String(w5['title'])}\u0000` }, w6]),
    );
    files['large'] = folder.write('large.jsonl', jsonLines([{ ...w7, padding }, w8]));
    const compressed = gzipSync(jsonLines(works.slice(11)));
    files['truncated'] = folder.write(
      'cut.jsonl.gz',
      compressed.subarray(0, Math.floor(compressed.length * 0.6)),
    );
    truncatedIds = (await parsedRecords(files['truncated'])).map((record) => record.sourceId);

    report = await runImport(db.pool, { inputs: Object.values(files), resume: 'never' });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    folder.remove();
  });

  it('finishes the run despite every bad file', () => {
    expect(report.status).toBe('succeeded');
    expect(report.counts.rejected).toBe(7);
    expect(report.counts.inserted).toBe(5 + truncatedIds.length);
  });

  it('reports a malformed line with its line number', () => {
    expect(rejectionsOf('malformed')).toEqual([
      expect.objectContaining({ line: 2, code: RejectionCode.malformedJson, reason: expect.any(String) }),
    ]);
  });

  it('reports a record missing its title with its id', () => {
    expect(rejectionsOf('missing')).toEqual([
      expect.objectContaining({ line: 1, recordId: workId(works[2]!), code: RejectionCode.missingField }),
    ]);
  });

  it('reports a file of an unknown format', () => {
    expect(rejectionsOf('unknown')).toEqual([
      expect.objectContaining({
        code: RejectionCode.unknownFormat,
        reason: expect.stringMatching(/unknown format/),
      }),
    ]);
  });

  it('reports a file whose content differs from its name', () => {
    expect(rejectionsOf('mismatch')).toEqual([
      expect.objectContaining({ code: RejectionCode.nameMismatch, reason: expect.stringMatching(/XML/) }),
    ]);
  });

  it('reports a record containing \\u0000', () => {
    expect(rejectionsOf('nul')).toEqual([
      expect.objectContaining({ line: 1, code: RejectionCode.nulCharacter }),
    ]);
  });

  it('reports a record over the size limit', () => {
    expect(rejectionsOf('large')).toEqual([
      expect.objectContaining({ line: 1, code: RejectionCode.tooLarge }),
    ]);
  });

  it('reports a truncated gzip file after its readable records', () => {
    expect(truncatedIds.length).toBeGreaterThan(0);
    expect(truncatedIds.length).toBeLessThan(20);
    expect(rejectionsOf('truncated')).toEqual([
      expect.objectContaining({ code: RejectionCode.truncatedGzip }),
    ]);
  });

  it('stores exactly the readable records with one event each', async () => {
    const expected = [0, 1, 3, 6, 8].map((index) => workId(works[index]!)).concat(truncatedIds);
    const stored = await db.owner.query<{ source_id: string }>(`SELECT source_id FROM raw_records`);
    expect(stored.rows.map((row) => row.source_id).sort()).toEqual([...expected].sort());
    const events = await db.owner.query(`SELECT count(*)::int AS n FROM outbox_events WHERE subject = $1`, [
      RecordStoredV1.subject,
    ]);
    expect(events.rows[0].n).toBe(expected.length);
  });
});
