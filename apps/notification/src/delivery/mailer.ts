import nodemailer from 'nodemailer';

import type { DigestMessage } from '../domain/digest';

/** Sends e-mails through the configured SMTP server. */
export interface Mailer {
  send(message: DigestMessage): Promise<void>;
  close(): void;
}

/** Creates a mailer for an `smtp://` or `smtps://` URL, sending from `from`. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
