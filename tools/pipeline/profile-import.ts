import path from 'node:path';

import type { NatsConnection } from '@nats-io/nats-core';

import { FindProfileByIdentityRpc, FindRawRecordsRpc, ImportProfilesRpc } from '@atlas/contracts';
import { callRpc } from '@atlas/messaging';
import { readRecords } from '@atlas/source-parsers';
import { resolveInputFiles } from '@atlas/ingest-import';

const SYSTEM = { role: 'system' as const };
/** Largest batch `importProfiles` accepts. */
const IMPORT_BATCH = 1000;

/** One ORCID person or OpenAlex author record of a source file. */
export interface ProfileSourceRecord {
  source: 'orcid' | 'openalex';
  sourceId: string;
}

/** Counts of one profile import pass. */
export interface ProfileImportCounts {
  /** Profile records found in the files. */
  records: number;
  /** Records whose ORCID iD or OpenAlex id a profile already holds, so they were not imported again. */
  alreadyHeld: number;
  created: number;
  updated: number;
  rejected: Array<{ rawRecordId: string; reason: string }>;
}

/** Lists the ORCID person and OpenAlex author records of files under the import folder, each once. */
export async function listProfileRecords(
  importDir: string,
  profilePaths: readonly string[],
): Promise<ProfileSourceRecord[]> {
  const files = await resolveInputFiles(profilePaths, { cwd: importDir });
  const found = new Map<string, ProfileSourceRecord>();
  for (const file of files) {
    for await (const item of readRecords(file.path)) {
      if (item.kind !== 'record') continue;
      const isProfile =
        (item.source === 'orcid' && item.entityType === 'person') ||
        (item.source === 'openalex' && item.entityType === 'author');
      if (!isProfile) continue;
      const record = { source: item.source as ProfileSourceRecord['source'], sourceId: item.sourceId };
      found.set(`${record.source}|${record.sourceId}`, record);
    }
  }
  return [...found.values()];
}

async function isHeldByProfile(nc: NatsConnection, record: ProfileSourceRecord): Promise<boolean> {
  const type = record.source === 'orcid' ? ('orcid' as const) : ('openalex' as const);
  const { profileId } = await callRpc(nc, FindProfileByIdentityRpc, {
    actor: SYSTEM,
    type,
    value: record.sourceId,
  });
  return profileId !== null;
}

async function latestRawRecordId(nc: NatsConnection, record: ProfileSourceRecord): Promise<string> {
  const { items } = await callRpc(nc, FindRawRecordsRpc, { ...record, latestOnly: true });
  const latest = items[0];
  if (!latest) {
    throw new Error(
      `The ${record.source} record ${record.sourceId} was not found in ingest; import its file before the profiles.`,
    );
  }
  return latest.id;
}

/**
 * Creates profiles through the verification service from the stored ORCID person and OpenAlex author
 * records of the given files. Records whose identifier already belongs to a profile are skipped, so a
 * second pass creates and changes nothing.
 */
export async function importProfilesFromRecords(
  nc: NatsConnection,
  importDir: string,
  profilePaths: readonly string[],
): Promise<ProfileImportCounts> {
  const records = await listProfileRecords(path.resolve(importDir), profilePaths);
  const counts: ProfileImportCounts = {
    records: records.length,
    alreadyHeld: 0,
    created: 0,
    updated: 0,
    rejected: [],
  };
  const toImport: string[] = [];
  for (const record of records) {
    if (await isHeldByProfile(nc, record)) counts.alreadyHeld += 1;
    else toImport.push(await latestRawRecordId(nc, record));
  }
  for (let start = 0; start < toImport.length; start += IMPORT_BATCH) {
    const rawRecordIds = [...new Set(toImport.slice(start, start + IMPORT_BATCH))];
    const result = await callRpc(
      nc,
      ImportProfilesRpc,
      { actor: SYSTEM, rawRecordIds },
      { timeoutMs: 120_000 },
    );
    counts.created += result.created;
    counts.updated += result.updated;
    counts.rejected.push(...result.rejected);
  }
  return counts;
}
