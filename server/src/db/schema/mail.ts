import { pgTable, uuid, text, timestamp, integer, index, primaryKey } from 'drizzle-orm/pg-core';

/** Every mail goes through here first, so a mail Tessera accepted survives an SMTP outage or a restart. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id'),
    template: text('template').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'logged', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due').on(t.status, t.nextAttemptAt)],
);

/** One row per reminder sent: (user, threshold, the password it was about). Its key makes "exactly once" hold across processes. */
export const passwordReminders = pgTable(
  'password_reminders',
  {
    userId: uuid('user_id').notNull(),
    thresholdDays: integer('threshold_days').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.thresholdDays, t.passwordChangedAt] })],
);
