import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { samlRequests } from '../../db/schema/index.ts';

/**
 * Long enough for User Login with a second factor, and longer than an AuthnRequest's IssueInstant
 * is accepted, so a replay is refused by the row while the request could still be fresh.
 */
export const SAML_REQUEST_TTL_MS = 15 * 60_000;

export type PendingSamlRequest = { appId: string; requestId: string; acsUrl: string; relayState: string | null; forceAuthn: boolean; requireMfa: boolean };
type Recorded = PendingSamlRequest & { createdAt: Date };
const pendingOf = (row: typeof samlRequests.$inferSelect): Recorded => ({ appId: row.appId, requestId: row.requestId, acsUrl: row.acsUrl, relayState: row.relayState, forceAuthn: row.forceAuthn, requireMfa: row.requireMfa, createdAt: row.createdAt });

/** False when this SP already sent this request ID: a replay (the primary key refuses it atomically). */
export async function recordSamlRequest(db: Queryable, req: PendingSamlRequest, now = new Date()): Promise<boolean> {
  const rows = await db
    .insert(samlRequests)
    .values({ ...req, createdAt: now, expiresAt: new Date(now.getTime() + SAML_REQUEST_TTL_MS) })
    .onConflictDoNothing()
    .returning({ requestId: samlRequests.requestId });
  return rows.length === 1;
}

/** A recorded request not yet answered and not expired (to resume it after User Login). */
export async function findPendingSamlRequest(db: Queryable, appId: string, requestId: string, now = new Date()): Promise<Recorded | undefined> {
  const [row] = await db
    .select()
    .from(samlRequests)
    .where(and(eq(samlRequests.appId, appId), eq(samlRequests.requestId, requestId), isNull(samlRequests.answeredAt), gt(samlRequests.expiresAt, now)));
  return row && pendingOf(row);
}

/** Marks the request answered in one statement: of two racing answers, exactly one wins. */
export async function claimSamlRequest(db: Queryable, appId: string, requestId: string, now = new Date()): Promise<Recorded | undefined> {
  const [row] = await db
    .update(samlRequests)
    .set({ answeredAt: now })
    .where(and(eq(samlRequests.appId, appId), eq(samlRequests.requestId, requestId), isNull(samlRequests.answeredAt), gt(samlRequests.expiresAt, now)))
    .returning();
  return row && pendingOf(row);
}

/**
 * Housekeeping: requests past their expiry. A replay of one after its row is gone still fails —
 * its IssueInstant is older than any request the IdP accepts.
 */
export async function deleteExpiredSamlRequests(db: Queryable, now = new Date()): Promise<void> {
  await db.delete(samlRequests).where(lte(samlRequests.expiresAt, now));
}
