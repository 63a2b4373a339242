import type { SqlExecutor } from '@atlas/database';

import { recountWorks } from '../repositories/counters.repository';
import { touchProfile } from './profile.service';

/**
 * Recounts a profile's confirmed works after a merge, an undone merge or an unlink, and publishes
 * the profile again, so matching reads the new co-authors, topics and active years.
 */
export async function refreshConfirmedWorks(tx: SqlExecutor, profileId: string): Promise<void> {
  await recountWorks(tx, profileId);
  await touchProfile(tx, profileId, 'confirmed_works');
}
