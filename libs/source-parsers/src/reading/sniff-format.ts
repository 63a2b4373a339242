import type { SourceFormat } from './formats';
import { classifyJsonRecord } from './record-kinds';
import { topLevelKeys } from './top-level-keys';

const ORCID_KEYS = [
  'orcid-identifier',
  'person',
  'activities-summary',
  'group',
  'bulk',
  'result',
  'num-found',
  'put-code',
  'other-names',
];

/**
 * Detects the format from the first bytes of content (after gunzip). Returns undefined for content
 * in no known format (binary data, HTML, an unknown JSON shape).
 */
export function sniffFormat(head: Buffer, complete: boolean): SourceFormat | undefined {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return sniffXml(text);
  if (text.startsWith('[')) return 'json-array';
  if (!text.startsWith('{')) return undefined;
  if (looksLikeJsonLines(text, complete)) return 'jsonl';
  return sniffJsonDocument(text);
}

function sniffXml(text: string): SourceFormat | undefined {
  if (/<feed[\s>]/.test(text) && text.includes('arxiv')) return 'arxiv-atom';
  if (text.includes('<OAI-PMH')) return 'hal-oai';
  if (text.includes('www.orcid.org/ns/')) return 'orcid-xml';
  return undefined;
}

/** Checks for JSON Lines: a first line that is a whole JSON record, followed by more lines or alone. */
function looksLikeJsonLines(text: string, complete: boolean): boolean {
  const newline = text.indexOf('\n');
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  const more = newline !== -1 && text.slice(newline + 1).trim() !== '';
  try {
    const value: unknown = JSON.parse(firstLine);
    const isRecord = classifyJsonRecord(value as Record<string, unknown>) !== undefined;
    return isRecord && (more || newline === -1 || complete);
  } catch {
    // A broken first line of JSON Lines, a first line too long for the head, or a pretty-printed
    // document. Only JSON Lines has a later line that is a whole record on its own.
    if (newline !== -1 && hasRecordLine(text.slice(newline + 1), complete)) return true;
    return newline === -1 && !complete && recordLikeKeys(topLevelKeys(text));
  }
}

/** Checks whether one of the first lines of `text` is a whole record; a cut last line is skipped. */
function hasRecordLine(text: string, complete: boolean): boolean {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  return lines.slice(0, 20).some((line) => {
    try {
      return classifyJsonRecord(JSON.parse(line) as Record<string, unknown>) !== undefined;
    } catch {
      return false;
    }
  });
}

function recordLikeKeys(keys: string[]): boolean {
  return (
    keys.includes('openalex_response') ||
    (keys.includes('id') && !keys.includes('meta')) ||
    keys.includes('DOI')
  );
}

function sniffJsonDocument(text: string): SourceFormat | undefined {
  const keys = topLevelKeys(text);
  if (keys.includes('meta') && keys.includes('results')) return 'openalex-list';
  if (keys.includes('message-type') || (keys.includes('status') && keys.includes('message')))
    return 'crossref-message';
  if (keys.includes('items')) return 'crossref-data-file';
  if (keys.includes('response')) return 'hal-search';
  if (keys.some((key) => ORCID_KEYS.includes(key)) || (keys.includes('name') && keys.includes('path')))
    return 'orcid-json';
  if (keys.includes('id') || keys.includes('DOI') || keys.includes('halId_s')) return 'json-record';
  return undefined;
}
