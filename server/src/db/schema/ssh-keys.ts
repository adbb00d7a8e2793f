import { pgTable, uuid, text, timestamp, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/** Public keys only: the private half never reaches the server. */
export const sshKeys = pgTable(
  'ssh_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Normalized "type base64" (no comment), as an authorized_keys line would hold it. */
    publicKey: text('public_key').notNull(),
    /** "SHA256:…" exactly as `ssh-keygen -lf` prints it. */
    fingerprint: text('fingerprint').notNull(),
    type: text('type').notNull(),
    bits: integer('bits').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ssh_keys_user').on(t.userId), uniqueIndex('ssh_keys_fingerprint').on(t.fingerprint)],
);
