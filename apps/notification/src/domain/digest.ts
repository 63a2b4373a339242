import type { Notification } from '../repositories/notification-row';
import type { DigestRecipient } from '../repositories/digest.repository';

/** An e-mail ready to send. */
export interface DigestMessage {
  to: string;
  subject: string;
  text: string;
}

const FREQUENCY_LABELS = { immediate: 'New', daily: 'Daily', weekly: 'Weekly' } as const;

/** Writes the plain-text digest of a profile's notifications, oldest first. */
export function composeDigest(
  recipient: DigestRecipient,
  notifications: readonly Notification[],
): DigestMessage {
  const count = notifications.length;
  const subject = `${FREQUENCY_LABELS[recipient.frequency]} Atlas Verify notifications: ${count} new`;
  const lines = notifications.map((notification) => {
    const body = notification.body ? `\n  ${notification.body}` : '';
    return `- ${notification.title} (${notification.createdAt})${body}`;
  });
  const text = [
    `Hello ${recipient.displayName},`,
    '',
    `You have ${count} new notification${count === 1 ? '' : 's'} since ${recipient.since.toISOString()}:`,
    '',
    ...lines,
    '',
    'You receive this e-mail because of the notification frequency in your profile settings.',
  ].join('\n');
  return { to: recipient.contactEmail, subject, text };
}
