import type { SqlExecutor } from '@atlas/database';

import type { NotificationFrequency } from '@atlas/contracts';

/** Contact data and e-mail frequency of a profile the service may notify. */
export interface ProfileContact {
  profileId: string;
  displayName: string;
  contactEmail: string | null;
  notificationFrequency: NotificationFrequency;
  erased: boolean;
}

/** A profile's state from a profile changed event. */
export interface ProfileContactVersion {
  profileId: string;
  displayName: string;
  contactEmail?: string;
  notificationFrequency: NotificationFrequency;
  entityVersion: number;
}

/**
 * Stores a profile's contact data unless the stored version is newer or the profile was erased.
 * Returns true when the row changed.
 */
export async function upsertProfileContact(
  tx: SqlExecutor,
  contact: ProfileContactVersion,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO profile_contacts (profile_id, display_name, contact_email, notification_frequency, entity_version)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (profile_id) DO UPDATE SET
       display_name = excluded.display_name,
       contact_email = excluded.contact_email,
       notification_frequency = excluded.notification_frequency,
       entity_version = excluded.entity_version,
       updated_at = now()
     WHERE profile_contacts.entity_version < excluded.entity_version AND profile_contacts.erased_at IS NULL`,
    [
      contact.profileId,
      contact.displayName,
      contact.contactEmail ?? null,
      contact.notificationFrequency,
      contact.entityVersion,
    ],
  );
  return rowCount === 1;
}

/**
 * Keeps an erased profile as a tombstone without name or address, so later events for it are dropped,
 * and deletes everything the service held about it.
 */
export async function eraseProfile(tx: SqlExecutor, profileId: string, entityVersion: number): Promise<void> {
  await tx.query(
    `INSERT INTO profile_contacts (profile_id, display_name, contact_email, notification_frequency, entity_version, erased_at)
     VALUES ($1, '', NULL, 'never', $2, now())
     ON CONFLICT (profile_id) DO UPDATE SET display_name = '', contact_email = NULL,
       notification_frequency = 'never', erased_at = coalesce(profile_contacts.erased_at, now()), updated_at = now()`,
    [profileId, entityVersion],
  );
  await tx.query('DELETE FROM notifications WHERE profile_id = $1', [profileId]);
  await tx.query('DELETE FROM pending_candidates WHERE profile_id = $1', [profileId]);
  await tx.query('DELETE FROM decided_candidates WHERE profile_id = $1', [profileId]);
  await tx.query('DELETE FROM candidate_aggregations WHERE profile_id = $1', [profileId]);
  await tx.query('DELETE FROM reminder_state WHERE profile_id = $1', [profileId]);
}

/** Reads a profile's contact data; undefined when no profile event for it has arrived. */
export async function findProfileContact(
  tx: SqlExecutor,
  profileId: string,
): Promise<ProfileContact | undefined> {
  const { rows } = await tx.query<{
    profile_id: string;
    display_name: string;
    contact_email: string | null;
    notification_frequency: NotificationFrequency;
    erased_at: Date | null;
  }>(
    `SELECT profile_id, display_name, contact_email, notification_frequency, erased_at
     FROM profile_contacts WHERE profile_id = $1`,
    [profileId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    profileId: row.profile_id,
    displayName: row.display_name,
    contactEmail: row.contact_email,
    notificationFrequency: row.notification_frequency,
    erased: row.erased_at !== null,
  };
}
