import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { apps, samlSessionApps } from '../../db/schema/index.ts';
import type { AppRow } from '../apps/app-store.ts';

/** This session has signed the person into this SAML application (once is enough to remember). */
export async function recordSamlSessionApp(db: Queryable, sessionId: string, appId: string): Promise<void> {
  await db.insert(samlSessionApps).values({ sessionId, appId }).onConflictDoNothing();
}

/** The SAML applications this session signed the person into, in the order it first did. */
export async function samlAppsOfSession(db: Queryable, sessionId: string): Promise<AppRow[]> {
  const rows = await db
    .select({ app: apps })
    .from(samlSessionApps)
    .innerJoin(apps, and(eq(apps.id, samlSessionApps.appId), eq(apps.type, 'saml')))
    .where(eq(samlSessionApps.sessionId, sessionId))
    .orderBy(samlSessionApps.createdAt);
  return rows.map((r) => r.app);
}
