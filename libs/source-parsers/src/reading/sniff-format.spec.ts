import { readLines } from './lines';
import { sniffFormat } from './sniff-format';
import { topLevelKeys } from './top-level-keys';

const sniff = (text: string, complete = true) => sniffFormat(Buffer.from(text), complete);

describe('sniffFormat', () => {
  it.each([
    ['{"meta":{"count":2},"results":[]}', 'openalex-list'],
    ['{"status":"ok","message-type":"work","message":{}}', 'crossref-message'],
    ['{"items":[{"DOI":"10.1000/x"', 'crossref-data-file'],
    ['{"response":{"numFound":1,"docs":[]}}', 'hal-search'],
    ['{"orcid-identifier":{"path":"0000-0002-1825-0097"}}', 'orcid-json'],
    ['[{"docid":1}]', 'json-array'],
    ['{"id":"https://openalex.org/W1","title":"A"}\n{"id":"https://openalex.org/W2","title":"B"}\n', 'jsonl'],
    ['{\n  "id": "https://openalex.org/W1",\n  "title": "A"\n}', 'json-record'],
    ['<?xml version="1.0"?><feed xmlns:arxiv="http://arxiv.org/schemas/atom">', 'arxiv-atom'],
    ['<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">', 'hal-oai'],
    ['<record:record xmlns:record="http://www.orcid.org/ns/record">', 'orcid-xml'],
  ])('detects %s', (text, format) => {
    expect(sniff(text)).toBe(format);
  });

  it('treats a cut first line of a record as JSON Lines', () => {
    expect(
      sniff(
        '{"doi":"10.1/x","http_status":200,"openalex_response":{"id":"https://openalex.org/W1","ti',
        false,
      ),
    ).toBe('jsonl');
  });

  it('returns undefined for other content', () => {
    expect(sniff('%PDF-1.4')).toBeUndefined();
    expect(sniff('<html><body>')).toBeUndefined();
    expect(sniff('{"schema": "capture manifest"}')).toBeUndefined();
    expect(sniff('')).toBeUndefined();
  });
});

describe('topLevelKeys', () => {
  it('lists only keys of the outer object', () => {
    expect(topLevelKeys('{"a":{"b":1},"c":"d\\"e","f":[{"g":2}],"h"')).toEqual(['a', 'c', 'f']);
  });
});

describe('readLines', () => {
  async function lines(chunks: string[], maxBytes: number) {
    const result = [];
    async function* source() {
      for (const chunk of chunks) yield Buffer.from(chunk);
    }
    for await (const line of readLines(source(), maxBytes)) result.push(line);
    return result;
  }

  it('joins lines split across chunks', async () => {
    const result = await lines(['ab', 'c\nde', 'f\r\n', 'g'], 100);
    expect(result.map((line) => line.text)).toEqual(['abc', 'def', 'g']);
    expect(result.map((line) => line.number)).toEqual([1, 2, 3]);
  });

  it('drops the content of an overlong line', async () => {
    const result = await lines(['short\n', 'x'.repeat(50), 'x'.repeat(50), '\nafter'], 60);
    expect(result[1]).toEqual({ number: 2, text: '', bytes: 100, tooLong: true });
    expect(result[2]?.text).toBe('after');
  });
});
