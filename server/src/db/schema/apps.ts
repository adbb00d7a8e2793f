import { pgTable, uuid, text, timestamp, integer, jsonb, primaryKey, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('groups_org_name').on(t.orgId, sql`lower(${t.name})`)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user').on(t.userId)],
);

/**
 * An application of one organization: a bookmark now; OIDC and SAML keep their settings in `protocol`.
 * Names are unique per organization (any case): two tiles with one name cannot be told apart.
 */
export const apps = pgTable(
  'apps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['bookmark', 'oidc', 'saml'] }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Written by the administrator; the portal shows a "details" link when it is not empty. */
    details: text('details').notNull().default(''),
    /** Bookmark target, or the launch URL of an SSO application. */
    url: text('url'),
    /** A small image as a data: URL (validated and bounded on upload). */
    icon: text('icon'),
    protocol: jsonb('protocol').notNull().default({}),
    mfaPolicy: jsonb('mfa_policy').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('apps_org_name').on(t.orgId, sql`lower(${t.name})`)],
);

/** Assigned to a user directly or to a group; exactly one of the two. */
export const appAssignments = pgTable(
  'app_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [
    check('app_assignments_one_target', sql`(${t.userId} is null) <> (${t.groupId} is null)`),
    uniqueIndex('app_assignments_user').on(t.appId, t.userId),
    uniqueIndex('app_assignments_group').on(t.appId, t.groupId),
  ],
);

/** Launch counts per person, for "most used". */
export const appUsage = pgTable(
  'app_usage',
  {
    appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    launches: integer('launches').notNull().default(0),
    lastLaunchedAt: timestamp('last_launched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.userId] })],
);
