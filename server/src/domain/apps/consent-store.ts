import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { appConsents, apps } from '../../db/schema/index.ts';

/** Whether the person already agreed to share every one of these scopes with the application. */
export async function hasConsent(db: Queryable, userId: string, appId: string, scopes: string[]): Promise<boolean> {
  const [row] = await db.select({ scopes: appConsents.scopes }).from(appConsents).where(and(eq(appConsents.userId, userId), eq(appConsents.appId, appId)));
  return !!row && scopes.every((s) => row.scopes.includes(s));
}

/** Remembers consent, adding to what was agreed before. */
export async function recordConsent(db: Queryable, userId: string, appId: string, scopes: string[]): Promise<void> {
  await db
    .insert(appConsents)
    .values({ userId, appId, scopes })
    .onConflictDoUpdate({
      target: [appConsents.userId, appConsents.appId],
      set: { scopes: sql`array(select distinct unnest(${appConsents.scopes} || excluded.scopes))`, grantedAt: new Date() },
    });
}

/** Security → Applications you allowed: forgetting consent makes the application ask again. */
export async function revokeConsent(db: Queryable, userId: string, appId: string): Promise<boolean> {
  const rows = await db.delete(appConsents).where(and(eq(appConsents.userId, userId), eq(appConsents.appId, appId))).returning({ appId: appConsents.appId });
  return rows.length === 1;
}

/** What the person allowed, newest first, with the application's name. */
export async function listConsents(db: Queryable, userId: string): Promise<{ appId: string; orgId: string; name: string; scopes: string[]; grantedAt: Date }[]> {
  return db
    .select({ appId: appConsents.appId, orgId: apps.orgId, name: apps.name, scopes: appConsents.scopes, grantedAt: appConsents.grantedAt })
    .from(appConsents)
    .innerJoin(apps, eq(apps.id, appConsents.appId))
    .where(eq(appConsents.userId, userId))
    .orderBy(desc(appConsents.grantedAt));
}
