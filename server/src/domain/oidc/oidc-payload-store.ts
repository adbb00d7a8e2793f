import { eq, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { oidcPayloads } from '../../db/schema/index.ts';

/** Housekeeping: OIDC sessions, codes, tokens and grants past their expiry. */
export async function deleteExpiredOidcPayloads(db: Queryable): Promise<void> {
  await db.delete(oidcPayloads).where(lte(oidcPayloads.expiresAt, sql`now()`));
}

/**
 * Everything applications hold for a person — OIDC sessions, grants, codes, access and refresh
 * tokens — ends with their Tessera sessions (password reset or change, sign-out of every session,
 * suspension): SECURITY.md, "a reset ends every session and refresh token of the user".
 */
export async function revokeUserOidcPayloads(db: Queryable, userId: string): Promise<void> {
  await db.delete(oidcPayloads).where(eq(oidcPayloads.accountId, userId));
}
