import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import { readAll, realFile, temporaryFolder } from '../testing/real-data';
import { readRecords } from './read-records';

const CAPTURE = realFile('openalex/parseland-eval_openalex-baseline_works.ndjson.gz');
const WORKS = realFile('openalex/academic-explorer_works.jsonl.gz');

/** Reads the first lines of a real JSON Lines file. */
function realLines(path: string, count: number): string[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return text.split('\n').slice(0, count);
}

describe('readRecords on bad input', () => {
  const folder = temporaryFolder();
  const write = (name: string, content: string | Buffer) => {
    const path = join(folder.path, name);
    writeFileSync(path, content);
    return path;
  };

  afterAll(() => folder.remove());

  it('yields the records before a gzip cut, then one rejection', async () => {
    const compressed = readFileSync(WORKS);
    const path = write('cut.jsonl.gz', compressed.subarray(0, Math.floor(compressed.length / 2)));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBeGreaterThan(100);
    expect(records.length).toBeLessThan(884);
    const cut = rejected.filter((item) => item.code !== 'INGEST_ERR_MISSING_FIELD');
    expect(cut).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_TRUNCATED_GZIP', location: { file: path } }),
    ]);
    expect(rejected.at(-1)?.code).toBe('INGEST_ERR_TRUNCATED_GZIP');
  });

  it('yields the items of a streamed JSON array before a gzip cut', async () => {
    const compressed = readFileSync(realFile('crossref/crossref_public_data_file_sample_0.json.gz'));
    const path = write('cut.json.gz', compressed.subarray(0, Math.floor(compressed.length / 2)));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBeGreaterThan(500);
    expect(records.length).toBeLessThan(3000);
    expect(rejected.at(-1)).toMatchObject({ code: 'INGEST_ERR_TRUNCATED_GZIP', location: { file: path } });
  });

  it('rejects XML that is not well-formed', async () => {
    const feed = gunzipSync(readFileSync(realFile('arxiv/fastpaper-cli_arxiv_search.atom.xml.gz'))).toString(
      'utf8',
    );
    const path = write('broken.atom.xml', feed.replace('</entry>', ''));

    const { records, rejected } = await readAll(path);

    expect(records).toEqual([]);
    expect(rejected).toEqual([expect.objectContaining({ code: 'INGEST_ERR_MALFORMED_XML' })]);
  });

  it('rejects the rest of a JSON array after a syntax error', async () => {
    const docs = gunzipSync(
      readFileSync(realFile('hal/dataesr_harvest-hal_docs_fl_all_5docs.json.gz')),
    ).toString('utf8');
    const secondDoc = docs.indexOf('{"docid"', 10);
    const path = write('docs.json', `${docs.slice(0, secondDoc)}{"docid": 1,, ]`);

    const { records, rejected } = await readAll(path);

    expect(records.length).toBe(1);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_MALFORMED_JSON', location: { file: path } }),
    ]);
  });

  it('rejects a file that cannot be opened', async () => {
    const path = join(folder.path, 'absent.jsonl');

    const { rejected } = await readAll(path);

    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_READ_FAILED', location: { file: path } }),
    ]);
    expect(rejected[0]?.reason).toContain('ENOENT');
  });

  it('rejects a malformed line and reads the others', async () => {
    const lines = realLines(WORKS, 5);
    lines[2] = lines[2]!.slice(0, 200);
    const path = write('broken.jsonl', lines.join('\n'));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBe(4);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_MALFORMED_JSON', location: { file: path, line: 3 } }),
    ]);
  });

  it('rejects a record containing \\u0000', async () => {
    const lines = realLines(WORKS, 3);
    const record = JSON.parse(lines[1]!) as { display_name: string };
    record.display_name = `${record.display_name}\u0000`;
    lines[1] = JSON.stringify(record);
    const path = write('nul.jsonl', lines.join('\n'));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBe(2);
    expect(rejected[0]).toMatchObject({ code: 'INGEST_ERR_NUL_CHARACTER', location: { line: 2 } });
    expect(rejected[0]?.reason).toContain('$.display_name');
  });

  it('rejects a record over the size limit', async () => {
    const lines = realLines(WORKS, 3);
    const record = JSON.parse(lines[1]!) as Record<string, unknown>;
    record.padding = 'x'.repeat(20_000);
    lines[1] = JSON.stringify(record);
    const path = write('large.jsonl', lines.join('\n'));

    const { records, rejected } = await readAll(path, { maxRecordBytes: 10_000 });

    expect(records.length).toBe(2);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_RECORD_TOO_LARGE', location: { file: path, line: 2 } }),
    ]);
    expect(rejected[0]?.reason).toContain('limit of 10000');
  });

  it('rejects records missing their id or title', async () => {
    const lines = realLines(WORKS, 3).map((line) => JSON.parse(line) as Record<string, unknown>);
    delete lines[0]!.title;
    delete lines[0]!.display_name;
    lines[1]!.id = 'https://openalex.org/W';
    const path = write('missing.jsonl', lines.map((line) => JSON.stringify(line)).join('\n'));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBe(1);
    expect(rejected.map((item) => item.code)).toEqual([
      'INGEST_ERR_MISSING_FIELD',
      'INGEST_ERR_UNKNOWN_RECORD',
    ]);
    expect(rejected[0]?.recordId).toMatch(/^W[0-9]+$/);
  });

  it('rejects a capture line whose request failed', async () => {
    const line = JSON.stringify({
      doi: '10.1000/missing',
      fetched_at: '2026-05-19T07:47:00Z',
      http_status: 404,
      openalex_response: null,
    });
    const path = write('capture.ndjson', [realLines(CAPTURE, 1)[0], line].join('\n'));

    const { records, rejected } = await readAll(path);

    expect(records.length).toBe(1);
    expect(rejected[0]).toMatchObject({
      code: 'INGEST_ERR_SOURCE_ERROR',
      recordId: '10.1000/missing',
      location: { line: 2 },
    });
    expect(rejected[0]?.reason).toContain('HTTP status 404');
  });

  it('rejects content of an unknown format', async () => {
    const path = write('paper.json', '%PDF-1.4\n%âãÏÓ binary');

    const { records, rejected } = await readAll(path);

    expect(records).toEqual([]);
    expect(rejected[0]).toMatchObject({ code: 'INGEST_ERR_UNKNOWN_FORMAT', location: { file: path } });
  });

  it('rejects a file that is not what its name says', async () => {
    const feed = gunzipSync(readFileSync(realFile('arxiv/fastpaper-cli_arxiv_search.atom.xml.gz')));
    const path = write('works.jsonl.gz', gzipSync(feed));

    const { rejected } = await readAll(path);

    expect(rejected).toEqual([expect.objectContaining({ code: 'INGEST_ERR_FILE_NAME_MISMATCH' })]);
    expect(rejected[0]?.reason).toContain('file name says JSON but the content is XML');
  });

  it('detects gzip from the content, not the name', async () => {
    const path = write('works-without-extension', readFileSync(WORKS));
    const { records } = await readAll(path);
    expect(records.length).toBe(882);
  });

  it('flags an ORCID with a corrupted check digit and keeps its text', async () => {
    const record = JSON.parse(
      realLines(CAPTURE, 40).find((line) => line.includes('0000-0002-1903-4097'))!,
    ) as {
      openalex_response: { authorships: { author: { orcid: string } }[] };
    };
    record.openalex_response.authorships[0]!.author.orcid = 'https://orcid.org/0000-0002-1903-4098';
    const path = write('orcid.jsonl', JSON.stringify(record));

    const { records } = await readAll(path);
    const author = records[0]?.work?.authors[0];

    expect(author?.orcid).toBeUndefined();
    expect(author).toMatchObject({ orcidRaw: 'https://orcid.org/0000-0002-1903-4098', orcidInvalid: true });
  });

  it('keeps an invalid DOI out of the identifiers but flagged', async () => {
    const record = JSON.parse(realLines(WORKS, 1)[0]!) as Record<string, unknown>;
    record.doi = 'https://doi.org/10.12/x';
    record.ids = { openalex: record.id, doi: 'https://doi.org/10.12/x' };
    const path = write('doi.jsonl', JSON.stringify(record));

    const { records } = await readAll(path);

    expect(records[0]?.work?.identifiers.doi).toBeUndefined();
    expect(records[0]?.work?.invalidIdentifiers).toEqual([
      { scheme: 'doi', raw: 'https://doi.org/10.12/x', reason: 'not of the form 10.<registrant>/<suffix>' },
    ]);
  });

  it('reads a stream with an explicit format', async () => {
    const items = [];
    const stream = createReadStream(realFile('crossref/api_responses/work_rcrossref_3.json.gz'));
    for await (const item of readRecords(stream, { format: 'crossref-message', fileName: 'upload' }))
      items.push(item);

    expect(items).toEqual([
      expect.objectContaining({ kind: 'record', source: 'crossref', location: { file: 'upload' } }),
    ]);
  });
});
