import { pgTable, uuid, text, timestamp, jsonb } from 'drizzle-orm/pg-core';

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Validated by domain/policies (zod, with defaults), so a missing key means "the default". */
  policies: jsonb('policies').notNull().default({}),
  /** Name, logo and accent colour shown on the login page, in the portal and in mails (validated by contract/branding). */
  branding: jsonb('branding').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
