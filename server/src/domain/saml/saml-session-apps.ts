import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { apps, samlSessionApps, sessions } from '../../db/schema/index.ts';
import type { AppRow } from '../apps/app-store.ts';

/** This session has signed the person into this SAML application (once is enough to remember). */
export async function recordSamlSessionApp(db: Queryable, session: { id: string; userId: string }, appId: string): Promise<void> {
  await db.insert(samlSessionApps).values({ sessionId: session.id, userId: session.userId, appId }).onConflictDoNothing();
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

/** The application that asked for the logout itself is answered, not told: it is left out. */
export async function forgetSamlSessionApp(db: Queryable, sessionId: string, appId: string): Promise<void> {
  await db.delete(samlSessionApps).where(and(eq(samlSessionApps.sessionId, sessionId), eq(samlSessionApps.appId, appId)));
}

export type EndedSamlSignIn = { sessionId: string; userId: string; app: AppRow };

/**
 * Takes the sign-ins into SAML applications whose Tessera session has ended: that session's, or
 * (no id) every ended one, whichever door ended it. Taken in one statement: of several processes
 * sweeping at once, each row goes to one.
 */
export async function takeEndedSamlSignIns(db: Queryable, sessionId?: string): Promise<EndedSamlSignIn[]> {
  const ended = sql`not exists (select 1 from ${sessions} where ${sessions.id} = ${samlSessionApps.sessionId})`;
  const taken = await db
    .delete(samlSessionApps)
    .where(sessionId ? and(eq(samlSessionApps.sessionId, sessionId), ended) : ended)
    .returning({ sessionId: samlSessionApps.sessionId, userId: samlSessionApps.userId, appId: samlSessionApps.appId });
  const withUser = taken.filter((t): t is typeof t & { userId: string } => t.userId !== null);
  if (withUser.length === 0) return [];
  const rows = await db
    .select()
    .from(apps)
    .where(and(eq(apps.type, 'saml'), inArray(apps.id, [...new Set(withUser.map((t) => t.appId))])));
  const byId = new Map(rows.map((a) => [a.id, a]));
  return withUser.flatMap((t) => {
    const app = byId.get(t.appId);
    return app ? [{ sessionId: t.sessionId, userId: t.userId, app }] : [];
  });
}
