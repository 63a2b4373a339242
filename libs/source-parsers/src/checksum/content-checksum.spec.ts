import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { realFile } from '../testing/real-data';
import { canonicalJson, contentChecksum } from './content-checksum';

function realJson(path: string): Record<string, unknown> {
  return JSON.parse(gunzipSync(readFileSync(realFile(path))).toString('utf8')) as Record<string, unknown>;
}

describe('contentChecksum', () => {
  const work = realJson('openalex/api_responses/bvitamins_work_W2741809807.json.gz');

  it('has the sha256 prefix and 64 hex digits', () => {
    expect(contentChecksum('openalex', work)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('ignores OpenAlex citation counts and index dates', () => {
    const later = {
      ...work,
      cited_by_count: 9999,
      updated_date: '2030-01-01T00:00:00',
      counts_by_year: [],
      fwci: 1.5,
    };
    expect(contentChecksum('openalex', later)).toBe(contentChecksum('openalex', work));
  });

  it('changes when the title changes', () => {
    const changed = { ...work, title: 'Another title' };
    expect(contentChecksum('openalex', changed)).not.toBe(contentChecksum('openalex', work));
  });

  it('does not depend on key order', () => {
    const reversed = Object.fromEntries(Object.entries(work).reverse());
    expect(contentChecksum('openalex', reversed)).toBe(contentChecksum('openalex', work));
  });

  it('ignores Crossref indexing and counts', () => {
    const message = realJson('crossref/api_responses/work_rcrossref_2.json.gz').message as Record<
      string,
      unknown
    >;
    const reindexed = {
      ...message,
      indexed: { 'date-time': '2030-01-01T00:00:00Z' },
      'is-referenced-by-count': 500,
      score: 3,
    };
    expect(contentChecksum('crossref', reindexed)).toBe(contentChecksum('crossref', message));
  });

  it('ignores ORCID modification dates at any depth', () => {
    const group = {
      'last-modified-date': { value: 1 },
      'work-summary': [{ 'last-modified-date': { value: 1 }, title: 'T' }],
    };
    const touched = {
      'last-modified-date': { value: 2 },
      'work-summary': [{ 'last-modified-date': { value: 3 }, title: 'T' }],
    };
    expect(contentChecksum('orcid', touched)).toBe(contentChecksum('orcid', group));
  });

  it('keeps the arXiv updated date, which marks a new version', () => {
    expect(contentChecksum('arxiv', { id: 'x', updated: '2020' })).not.toBe(
      contentChecksum('arxiv', { id: 'x', updated: '2021' }),
    );
  });

  it('drops top-level fields only at the top level', () => {
    expect(canonicalJson({ b: 1, a: { score: 2 }, score: 3 }, new Set(['score']))).toBe(
      '{"a":{"score":2},"b":1}',
    );
  });
});
