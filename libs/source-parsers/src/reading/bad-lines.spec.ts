import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { readAll, realFile, temporaryFolder } from '../testing/real-data';
import { MAX_NESTING_DEPTH } from './nesting-depth';
import { firstInvalidUtf8Offset } from './utf8';

const WORKS = realFile('openalex/academic-explorer_works.jsonl.gz');

type Work = Record<string, unknown>;

function realWorks(count: number): Work[] {
  const text = gunzipSync(readFileSync(WORKS)).toString('utf8');
  return text
    .split('\n')
    .slice(0, count)
    .map((line) => JSON.parse(line) as Work);
}

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['valid text', Buffer.from('Zürich 東京 😀'), undefined],
    ['a lone continuation byte', Buffer.from([0x41, 0x80, 0x41]), 1],
    ['a cut two-byte sequence', Buffer.from([0x41, 0x42, 0xc3]), 2],
    ['an overlong slash', Buffer.from([0xc0, 0xaf]), 0],
    ['an encoded surrogate', Buffer.from([0x41, 0xed, 0xa0, 0x80]), 1],
    ['a code point above U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['Latin-1 text', Buffer.from('caf\xe9 au lait', 'latin1'), 3],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8Offset(bytes)).toBe(expected);
  });
});

describe('readRecords on bad lines', () => {
  const folder = temporaryFolder();
  const write = (name: string, content: string | Buffer) => {
    const path = join(folder.path, name);
    writeFileSync(path, content);
    return path;
  };

  afterAll(() => folder.remove());

  it('rejects a line that is not UTF-8 with its offset', async () => {
    const [first, second, third] = realWorks(3).map((work) => Buffer.from(JSON.stringify(work)));
    const prefix = Buffer.from('{"title": "caf');
    const broken = Buffer.concat([prefix, Buffer.from([0xe9]), second!.subarray(prefix.length)]);
    const path = write(
      'latin1.jsonl',
      Buffer.concat([first!, Buffer.from('\n'), broken, Buffer.from('\n'), third!]),
    );

    const { records, rejected } = await readAll(path);

    expect(records.map((record) => record.location.line)).toEqual([1, 3]);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_INVALID_UTF8', location: { file: path, line: 2 } }),
    ]);
    expect(rejected[0]?.reason).toContain(`byte ${prefix.length} of the line`);
  });

  it('rejects only the record nested too deep', async () => {
    const [first, second] = realWorks(2);
    // Written as text, because JSON.stringify itself overflows the stack at this depth.
    const deep = `${'{"child": '.repeat(20_000)}"bottom"${'}'.repeat(20_000)}`;
    const deepWork = JSON.stringify(first).replace(/\}$/, `, "nested": ${deep}}`);
    const path = write('deep.jsonl', `${deepWork}\n${JSON.stringify(second)}\n`);

    const { records, rejected } = await readAll(path);

    expect(records.map((record) => record.sourceId)).toEqual([String(second!['id']).split('/').pop()]);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_NESTING_TOO_DEEP', location: { file: path, line: 1 } }),
    ]);
    expect(rejected[0]?.reason).toContain(`${MAX_NESTING_DEPTH} levels`);
  });

  it('keeps a record nested up to the limit', async () => {
    const [first] = realWorks(1);
    let nested: unknown = 'bottom';
    for (let level = 1; level < MAX_NESTING_DEPTH; level += 1) nested = { child: nested };
    const path = write('limit.jsonl', `${JSON.stringify({ ...first, nested })}\n`);

    const { records, rejected } = await readAll(path);

    expect(rejected).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('reads the lines after a first line with a raw NUL', async () => {
    const [first, second] = realWorks(2).map((work) => JSON.stringify(work));
    const broken = first!.replace('","', '"\u0000,"');
    const path = write('nul-first.jsonl', `${broken}\n${second}\n`);

    const { records, rejected } = await readAll(path);

    expect(records.map((record) => record.location.line)).toEqual([2]);
    expect(rejected).toEqual([
      expect.objectContaining({ code: 'INGEST_ERR_MALFORMED_JSON', location: { file: path, line: 1 } }),
    ]);
  });
});

describe('readRecords on invalid field values', () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());

  /** Writes one real work changed by `change`, reads it back and returns the record. */
  async function readChanged(name: string, change: (work: Work) => void) {
    const [work] = realWorks(1);
    change(work!);
    const path = join(folder.path, name);
    writeFileSync(path, `${JSON.stringify(work)}\n`);
    const { records, rejected } = await readAll(path);
    expect(rejected).toEqual([]);
    return { record: records[0]!, raw: work! };
  }

  it('drops a month 13 date and keeps the year', async () => {
    const { record } = await readChanged('month.jsonl', (work) => {
      work['publication_date'] = '2020-13-45';
      work['publication_year'] = 2000;
    });

    expect(record.work?.publicationDate).toBe('2000');
    expect(record.work?.publicationYear).toBe(2000);
    expect(record.raw['publication_date']).toBe('2020-13-45');
    expect(record.warnings).toEqual([
      { field: 'publication_date', reason: expect.stringContaining('"2020-13-45" is not a valid date') },
    ]);
  });

  it('drops a year out of range', async () => {
    const { record } = await readChanged('year.jsonl', (work) => {
      work['publication_date'] = null;
      work['publication_year'] = 99999;
    });

    expect(record.work?.publicationYear).toBeUndefined();
    expect(record.work?.publicationDate).toBeUndefined();
    expect(record.warnings).toEqual([
      {
        field: 'publication_year',
        reason: expect.stringContaining('99999 is not a year between 1000 and 2200'),
      },
    ]);
  });

  it('reads a number title as text with a warning', async () => {
    const { record } = await readChanged('title.jsonl', (work) => {
      work['title'] = 12345;
    });

    expect(record.work?.title).toBe('12345');
    expect(record.warnings.map((warning) => warning.field)).toEqual(['title']);
  });

  it('reads no authors from a string author list', async () => {
    const { record } = await readChanged('authors.jsonl', (work) => {
      work['authorships'] = 'many';
    });

    expect(record.work?.authors).toEqual([]);
    expect(record.raw['authorships']).toBe('many');
    expect(record.warnings.map((warning) => warning.field)).toEqual(['authorships']);
  });

  it('flags a malformed top-level DOI', async () => {
    const { record } = await readChanged('doi.jsonl', (work) => {
      work['doi'] = 'https://doi.org/not-a-doi';
    });

    expect(record.work?.identifiers.doi).not.toBe('not-a-doi');
    expect(record.work?.invalidIdentifiers).toEqual([
      expect.objectContaining({ raw: 'https://doi.org/not-a-doi' }),
    ]);
    expect(record.warnings.map((warning) => warning.field)).toEqual(['identifiers.doi']);
  });

  it('flags an author ORCID iD with a wrong check digit', async () => {
    const { record } = await readChanged('orcid.jsonl', (work) => {
      const authorships = work['authorships'] as { author: Record<string, unknown> }[];
      authorships[0]!.author['orcid'] = 'https://orcid.org/0000-0002-1825-0098';
    });

    expect(record.work?.authors[0]?.orcid).toBeUndefined();
    expect(record.work?.authors[0]?.orcidInvalid).toBe(true);
    expect(record.warnings.map((warning) => warning.field)).toEqual(['authors[1].orcid']);
  });

  it('maps an unknown type to other with a warning', async () => {
    const { record } = await readChanged('type.jsonl', (work) => {
      work['type'] = 'novel';
    });

    expect(record.work?.type).toBe('other');
    expect(record.work?.sourceType).toBe('novel');
    expect(record.warnings.map((warning) => warning.field)).toEqual(['type']);
  });

  it('gives a real work no warnings', async () => {
    const { record } = await readChanged('real.jsonl', () => undefined);
    expect(record.warnings).toEqual([]);
  });
});
