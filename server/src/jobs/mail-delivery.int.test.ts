import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase } from '../../test/test-database.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { createLogger } from '../logger.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { createMailTransport } from '../mail/transport.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { startMailDelivery } from './mail-delivery.ts';
import type { Database } from '../db/open.ts';

let database: Database;
const logger = createLogger('silent', false);

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('mail delivery over SMTP', () => {
  it('delivers a queued mail with text and HTML in the recipient language', async () => {
    const sink = await startSmtpSink();
    const transport = createMailTransport({ smtpUrl: sink.url, from: 'Tessera <id@acme.test>', logger });
    const delivery = startMailDelivery(database.db, transport, logger, 60_000);
    try {
      await enqueueMail(database.db, { to: 'zoe@acme.test', template: 'password_reset', lang: 'fr', vars: { url: 'http://localhost:3000/reset-password#token=abc', minutes: 30 } });
      expect(await delivery.drain()).toBe(1);
      const mail = await sink.waitFor((m) => m.to.includes('zoe@acme.test'));
      expect(mail.from).toBe('id@acme.test');
      expect(mail.subject).toBe('Réinitialisez votre mot de passe Tessera');
      expect(mail.text).toContain('http://localhost:3000/reset-password#token=abc');
      expect(mail.raw).toMatch(/Content-Type: text\/html/i);
      const [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'zoe@acme.test'));
      expect(row.status).toBe('sent');
    } finally {
      await delivery.stop();
      transport.close();
      await sink.close();
    }
  });

  it('keeps a mail queued while SMTP is down and delivers it when it comes back', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Tessera <id@acme.test>', logger });
    const delivery = startMailDelivery(database.db, transport, logger, 60_000);
    try {
      await enqueueMail(database.db, { to: 'later@acme.test', template: 'password_changed', lang: 'en', vars: {} });
      expect(await delivery.drain()).toBe(0);
      const [queued] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'later@acme.test'));
      expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
      expect(queued.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(queued.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

      const sink = await startSmtpSink(port);
      try {
        await database.db.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(mailOutbox.id, queued.id));
        expect(await delivery.drain()).toBe(1);
        expect((await sink.waitFor((m) => m.to.includes('later@acme.test'))).subject).toBe('Your Tessera password was changed');
        const [sent] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued.id));
        expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      } finally {
        await sink.close();
      }
    } finally {
      await delivery.stop();
      transport.close();
    }
  });

  it('lets two workers share the queue without sending a mail twice', async () => {
    const sink = await startSmtpSink();
    const t1 = createMailTransport({ smtpUrl: sink.url, from: 'Tessera <id@acme.test>', logger });
    const t2 = createMailTransport({ smtpUrl: sink.url, from: 'Tessera <id@acme.test>', logger });
    const a = startMailDelivery(database.db, t1, logger, 60_000);
    const b = startMailDelivery(database.db, t2, logger, 60_000);
    try {
      for (let i = 0; i < 30; i++) await enqueueMail(database.db, { to: `bulk${i}@acme.test`, template: 'password_changed', lang: 'en', vars: {} });
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBe(30);
      await sink.waitFor((m) => sink.mails.filter((x) => x.to[0].startsWith('bulk')).length === 30);
      const recipients = sink.mails.filter((m) => m.to[0].startsWith('bulk')).map((m) => m.to[0]);
      expect(new Set(recipients).size).toBe(30);
    } finally {
      await a.stop();
      await b.stop();
      t1.close();
      t2.close();
      await sink.close();
    }
  });
});
