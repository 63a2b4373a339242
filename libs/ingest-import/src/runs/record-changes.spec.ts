import { jetstreamManager } from '@nats-io/jetstream';
import pino from 'pino';

import type { Msg } from '@nats-io/nats-core';

import { RecordRemovedV1, RecordStoredV1, RecordUpdatedV1 } from '@atlas/contracts';
import { connectNats, createOutboxRelay, ensureStream } from '@atlas/messaging';
import type { MessagingConnection } from '@atlas/messaging';
import { startTestNats } from '@atlas/testing';
import type { TestNats } from '@atlas/testing';

import { runImport } from '../index';
import {
  OPENALEX_WORKS,
  jsonLines,
  openIngestDatabase,
  realJsonLines,
  temporaryFolder,
} from '../../test/import-fixtures';
import type { IngestDatabase } from '../../test/import-fixtures';

const log = pino({ level: 'silent' });

describe('changed and removed source records', () => {
  let db: IngestDatabase;
  let nats: TestNats;
  let connection: MessagingConnection;
  let works: Record<string, unknown>[];
  let revised: Record<string, unknown> = {};
  const folder = temporaryFolder();

  const outboxCount = async (subject: string) =>
    (await db.owner.query(`SELECT count(*)::int AS n FROM outbox_events WHERE subject = $1`, [subject]))
      .rows[0].n as number;
  const versions = async (sourceId: string) =>
    (
      await db.owner.query(`SELECT id FROM raw_records WHERE source = 'openalex' AND source_id = $1`, [
        sourceId,
      ])
    ).rows as { id: string }[];
  const head = async (sourceId: string) =>
    (
      await db.owner.query(
        `SELECT raw_record_id, removed_at FROM raw_record_heads WHERE source = 'openalex' AND source_id = $1`,
        [sourceId],
      )
    ).rows[0] as { raw_record_id: string; removed_at: Date | null };

  beforeAll(async () => {
    [db, nats] = await Promise.all([openIngestDatabase(), startTestNats()]);
    connection = await connectNats({ url: nats.url, name: 'record-changes-test', log });
    await ensureStream(await jetstreamManager(connection.nc), 'ingest', {
      maxAgeSeconds: 3_600,
      duplicateWindowSeconds: 600,
    });
    works = await realJsonLines(OPENALEX_WORKS, 3);
    const report = await runImport(db.pool, {
      inputs: [folder.write('works.jsonl', jsonLines(works))],
      resume: 'never',
    });
    expect(report.counts).toMatchObject({ inserted: 3, rejected: 0 });
  });

  afterAll(async () => {
    await connection?.close();
    await nats?.stop();
    await db?.close();
    folder.remove();
  });

  it('stores a revised copy as a new version', async () => {
    const sourceId = String(works[0]!['id']).replace('https://openalex.org/', '');
    const [original] = await versions(sourceId);
    // The source revised the work later: a new title and a later update time.
    const altered = {
      ...works[0],
      title: `${String(works[0]!['title'])} (revised)`,
      updated_date: '2026-01-15T10:00:00.000000',
    };
    revised = altered;
    const subscription = connection.nc.subscribe(RecordUpdatedV1.subject, { max: 1 });

    const report = await runImport(db.pool, {
      inputs: [folder.write('works-changed.jsonl', jsonLines([altered, ...works.slice(1)]))],
      resume: 'never',
    });

    expect(report.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, rejected: 0 });
    const stored = await versions(sourceId);
    expect(stored).toHaveLength(2);
    const latest = await head(sourceId);
    expect(latest.raw_record_id).not.toBe(original!.id);
    expect(stored.map((row) => row.id)).toContain(latest.raw_record_id);
    expect(await outboxCount(RecordUpdatedV1.subject)).toBe(1);
    expect(await outboxCount(RecordStoredV1.subject)).toBe(3);

    const relay = createOutboxRelay({
      pool: db.pool,
      schema: 'ingest',
      js: connection.js,
      log,
      pollIntervalMs: 100,
    });
    await relay.start();
    try {
      const message = await nextMessage(subscription);
      const event = message.json<{
        data: { record: { rawRecordId: string }; previousRawRecordId: string; materialChanges: string[] };
      }>();
      expect(event.data.record.rawRecordId).toBe(latest.raw_record_id);
      expect(event.data.previousRawRecordId).toBe(original!.id);
      expect(event.data.materialChanges).toContain('title');
    } finally {
      await relay.stop();
    }
  });

  it('marks records missing from a snapshot removed', async () => {
    const missingId = String(works[2]!['id']).replace('https://openalex.org/', '');
    const rowsBefore = (await db.owner.query(`SELECT count(*)::int AS n FROM raw_records`)).rows[0].n;

    const report = await runImport(db.pool, {
      inputs: [folder.write('works-snapshot.jsonl', jsonLines([revised, works[1]]))],
      completeFor: ['openalex'],
      resume: 'never',
    });

    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, removed: 1 });
    expect((await head(missingId)).removed_at).toBeInstanceOf(Date);
    expect(await versions(missingId)).toHaveLength(1);
    expect(await outboxCount(RecordRemovedV1.subject)).toBe(1);
    const rowsAfter = (await db.owner.query(`SELECT count(*)::int AS n FROM raw_records`)).rows[0].n;
    expect(rowsAfter).toBe(rowsBefore);
  });

  it('rejects updates and deletes of raw records', async () => {
    await expect(db.pool.query(`UPDATE raw_records SET source_id = source_id`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.pool.query(`DELETE FROM raw_records`)).rejects.toThrow(/permission denied/);
    await expect(db.owner.query(`DELETE FROM raw_records`)).rejects.toThrow();
    expect((await db.owner.query(`SELECT count(*)::int AS n FROM raw_records`)).rows[0].n).toBeGreaterThan(0);
  });
});

async function nextMessage(subscription: AsyncIterable<Msg>) {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error('Timed out after 10 s waiting for a record updated message')),
      10_000,
    ).unref(),
  );
  const first = (async () => {
    for await (const message of subscription) return message;
    throw new Error('The subscription closed without a message');
  })();
  return Promise.race([first, timeout]);
}
