import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';

import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';

import { createPool, pgExecutor } from '@atlas/database';
import { createTestDatabase } from '@atlas/testing';

import type { TestDatabase } from '@atlas/testing';
import type { Pool } from 'pg';

import { createSmtpMailer } from '../delivery/mailer';
import { insertNotification } from '../repositories/notification.repository';
import { upsertProfileContact } from '../repositories/profile-contact.repository';
import { sendDueDigests } from './digest.job';

import type { Mailer } from '../delivery/mailer';

const log = pino({ level: 'silent' });
let database: TestDatabase;
let pool: Pool;
let smtp: SMTPServer;
let mailer: Mailer;
const received: { to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ services: ['notification'] });
  pool = createPool(database.services.notification!.runtimeUrl, { max: 2 });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'Atlas Verify <notifications@atlas-verify.invalid>');
});

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await pool?.end();
  await database?.drop();
});

async function profileWithNotifications(
  frequency: 'daily' | 'weekly' | 'never',
  email: string,
  titles: string[],
) {
  const profileId = uuidv7();
  const db = pgExecutor(pool);
  await upsertProfileContact(db, {
    profileId,
    displayName: 'Heather Piwowar',
    contactEmail: email,
    notificationFrequency: frequency,
    entityVersion: 1,
  });
  for (const title of titles) await insertNotification(db, { profileId, type: 'new_candidates', title });
  return profileId;
}

describe('digest job', () => {
  it('e-mails due digests to the local SMTP server', async () => {
    await profileWithNotifications('daily', 'daily@example.org', ['2 new candidate publications to review']);
    await profileWithNotifications('weekly', 'weekly@example.org', ['Your profile was updated']);
    await profileWithNotifications('never', 'never@example.org', ['Not e-mailed']);

    const sent = await sendDueDigests(pool, mailer, log);

    expect(sent).toBe(2);
    const daily = received.find((entry) => entry.to.includes('daily@example.org'));
    const weekly = received.find((entry) => entry.to.includes('weekly@example.org'));
    expect(daily?.mail.subject).toBe('Daily Atlas Verify notifications: 1 new');
    expect(daily?.mail.text).toContain('2 new candidate publications to review');
    expect(daily?.mail.from?.text).toContain('notifications@atlas-verify.invalid');
    expect(weekly?.mail.subject).toBe('Weekly Atlas Verify notifications: 1 new');
    expect(received.some((entry) => entry.to.includes('never@example.org'))).toBe(false);
  });

  it('sends nothing again within the period', async () => {
    const before = received.length;

    const sent = await sendDueDigests(pool, mailer, log);

    expect(sent).toBe(0);
    expect(received).toHaveLength(before);
  });
});
