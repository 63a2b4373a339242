/** Prefix of the Redis pub/sub channels that carry new notifications, one channel per profile. */
export const NOTIFICATION_CHANNEL_PREFIX = 'atlas:notifications:';

/** Redis pub/sub channel of one profile's new notifications. */
export function notificationChannel(profileId: string): string {
  return `${NOTIFICATION_CHANNEL_PREFIX}${profileId}`;
}
