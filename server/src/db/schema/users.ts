import { pgTable, uuid, text, timestamp, boolean, integer, jsonb, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgs } from './orgs.ts';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** As the person typed it (trimmed, NFC); shown to them. */
  email: text('email').notNull(),
  /** The one canonical identifier: trimmed, NFC, lower-cased. Every lookup goes through it. */
  emailCanonical: text('email_canonical').notNull().unique(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  /** The language the person chose (portal, e-mails, the OIDC `locale` claim); null until they choose one. */
  language: text('language', { enum: ['en', 'fr'] }),
  passwordHash: text('password_hash'),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  status: text('status', { enum: ['active', 'suspended'] }).notNull().default('active'),
  /** The second factor used last, offered first on "Verify Your Identity". */
  mfaLastMethod: text('mfa_last_method'),
  /** Sign-ins made without a factor under a required-MFA policy with a grace count. */
  mfaGraceUsed: integer('mfa_grace_used').notNull().default(0),
  alternateEmail: text('alternate_email').notNull().default(''),
  /** Personal Information (phones, home address): the person's own, whatever the organization. */
  personal: jsonb('personal').notNull().default({}),
  /** Confirmed through a link sent to it before it is ever used. */
  recoveryEmail: text('recovery_email'),
  recoveryEmailPending: text('recovery_email_pending'),
  recoveryEmailTokenHash: text('recovery_email_token_hash'),
  recoveryEmailTokenExpiresAt: timestamp('recovery_email_token_expires_at', { withTimezone: true }),
  /**
   * When the holder of this account first proved they read its address (a link mailed to it).
   * Null for an account an organization's administrator made: whoever set it up so far may not be
   * the address's owner, so the owner's first reset takes it back (see claim-account.ts).
   */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'admin'] }).notNull().default('member'),
    username: text('username'),
    /** Employment Information: job title, department, manager… as this organization knows them. */
    employment: jsonb('employment').notNull().default({}),
    /** Suspended in this organization only: no sign-in into it, its sessions end at once. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    uniqueIndex('memberships_org_username').on(t.orgId, sql`lower(${t.username})`),
    index('memberships_user').on(t.userId),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_user').on(t.userId, t.createdAt)],
);
