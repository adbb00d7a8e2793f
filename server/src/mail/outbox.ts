import { and, eq, lte, sql, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/open.ts';
import { keyset } from '../db/keyset.ts';
import { outboxSorts, type ListOutboxQuery } from '../../../contract/admin-lists.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { renderTemplate, type MailTemplates, type TemplateName } from './templates/index.ts';

export type OutboxRow = typeof mailOutbox.$inferSelect;

/**
 * Mail is queued, never sent inline: a request answers in the same time whether or not a mail goes
 * out (no enumeration by timing), and a mail survives SMTP outages and restarts.
 */
export async function enqueueMail<K extends TemplateName>(
  db: Queryable,
  input: { to: string; template: K; lang: string | null; vars: MailTemplates[K]; orgId?: string | null },
): Promise<void> {
  const m = renderTemplate(input.template, input.lang, input.vars);
  await db.insert(mailOutbox).values({ to: input.to, template: input.template, subject: m.subject, text: m.text, html: m.html, orgId: input.orgId ?? null });
}

/**
 * Claims due mails for one worker. FOR UPDATE SKIP LOCKED lets any number of processes share the
 * queue; the claim pushes next_attempt_at forward so a crashed worker's mail is retried later.
 */
export async function claimDueMails(db: Queryable, limit: number, leaseSeconds = 120): Promise<OutboxRow[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

export async function markMailDone(db: Queryable, id: string, status: 'sent' | 'logged'): Promise<void> {
  await db.update(mailOutbox).set({ status, sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, id));
}

/** Exponential back-off (30 s, 1 min, 2 min … capped at 1 h); after `maxAttempts` it is marked failed. */
export async function markMailFailed(db: Queryable, row: OutboxRow, error: string, maxAttempts = 10): Promise<void> {
  const delay = Math.min(30 * 2 ** (row.attempts - 1), 3600);
  const failed = row.attempts >= maxAttempts;
  await db
    .update(mailOutbox)
    .set({
      status: failed ? 'failed' : 'queued',
      lastError: error.slice(0, 500),
      nextAttemptAt: sql`now() + make_interval(secs => ${delay})`,
    })
    .where(eq(mailOutbox.id, row.id));
}

/** One page of an organization's outbox for its administrators: subject, recipient and state, never bodies (they carry link tokens). */
export async function listOrgOutbox(db: Queryable, orgId: string, q: ListOutboxQuery) {
  const k = keyset(outboxSorts, { created: mailOutbox.createdAt }, mailOutbox.id, q);
  const rows = await db
    .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, status: mailOutbox.status, attempts: mailOutbox.attempts, lastError: mailOutbox.lastError, createdAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt, ...k.select })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.orgId, orgId), q.status ? eq(mailOutbox.status, q.status) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorKey: _k, cursorId: _i, ...mail }) => mail);
}
