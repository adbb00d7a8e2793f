import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';
import type { OutboxRow } from './outbox.ts';

export type MailTransport = { kind: 'smtp' | 'log'; send(mail: OutboxRow): Promise<void>; close(): void };

/** SMTP when SMTP_URL is set; otherwise the embedded default writes the mail to the log. */
export function createMailTransport(opts: { smtpUrl?: string; from: string; logger: Logger }): MailTransport {
  if (!opts.smtpUrl) {
    return {
      kind: 'log',
      // Without SMTP this log line is the only delivery there is (development, first start).
      send: async (m) => opts.logger.info({ mail: { to: m.to, subject: m.subject } }, `mail (no SMTP_URL set) to ${m.to}: ${m.subject}\n${m.text}`),
      close: () => {},
    };
  }
  const transporter = nodemailer.createTransport(opts.smtpUrl, { from: opts.from });
  return {
    kind: 'smtp',
    send: async (m) => {
      await transporter.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html, from: opts.from });
    },
    close: () => transporter.close(),
  };
}
