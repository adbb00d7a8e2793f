import { lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { oidcPayloads } from '../../db/schema/index.ts';

/** Housekeeping: OIDC sessions, codes, tokens and grants past their expiry. */
export async function deleteExpiredOidcPayloads(db: Queryable): Promise<void> {
  await db.delete(oidcPayloads).where(lte(oidcPayloads.expiresAt, sql`now()`));
}
