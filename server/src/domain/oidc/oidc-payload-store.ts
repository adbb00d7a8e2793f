import { and, eq, lte, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { oidcPayloads } from '../../db/schema/index.ts';

/** Housekeeping: OIDC sessions, codes, tokens and grants past their expiry. */
export async function deleteExpiredOidcPayloads(db: Queryable): Promise<void> {
  await db.delete(oidcPayloads).where(lte(oidcPayloads.expiresAt, sql`now()`));
}

/**
 * Every grant, code, access and refresh token applications hold for a person ends with their
 * Tessera sessions (password reset or change, sign-out of every other session): SECURITY.md, "a
 * reset ends every session and refresh token of the user". The provider's sessions stay for the
 * sign-out announcement of each ended session, which ends them and tells the applications
 * registered for back-channel logout (end-provider-sessions.ts).
 */
export async function revokeUserOidcGrants(db: Queryable, userId: string): Promise<void> {
  await db.delete(oidcPayloads).where(and(eq(oidcPayloads.accountId, userId), ne(oidcPayloads.model, 'Session')));
}

/** A grant and every code and token issued from it, in one statement (they carry its id). */
export async function revokeGrantOidcPayloads(db: Queryable, grantId: string): Promise<void> {
  await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
}

/**
 * Everything one OIDC client holds — its grants and every code and token issued from them, and
 * client-credentials tokens (no grant) — for a client that is being deleted.
 */
export async function revokeClientOidcPayloads(db: Queryable, clientId: string): Promise<void> {
  const ofClient = sql`${oidcPayloads.payload}->>'clientId' = ${clientId}`;
  const grants = sql`select id from ${oidcPayloads} where model = 'Grant' and payload->>'clientId' = ${clientId}`;
  await db.delete(oidcPayloads).where(or(ofClient, sql`${oidcPayloads.grantId} in (${grants})`));
}

/** One person's grants to one client, and every code and token issued from them. */
export async function revokeUserClientOidcGrants(db: Queryable, userId: string, clientId: string): Promise<void> {
  const grants = sql`select id from ${oidcPayloads} where model = 'Grant' and account_id = ${userId} and payload->>'clientId' = ${clientId}`;
  await db.delete(oidcPayloads).where(or(sql`${oidcPayloads.id} in (${grants})`, sql`${oidcPayloads.grantId} in (${grants})`));
}
