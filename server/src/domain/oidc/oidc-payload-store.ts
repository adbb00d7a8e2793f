import { and, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
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

/** A sign-in request's step oidc-provider is done with, as kept for a page reopened on it. */
export type FinishedInteraction = { clientId: string; accountId: string; cid: string };

const answeredBy = sql`coalesce(${oidcPayloads.payload}->'result'->'login'->>'accountId', ${oidcPayloads.payload}->'session'->>'accountId')`;

/**
 * An interaction oidc-provider destroys once it resumed from it. Answered (a login or consent
 * result, not an error), it stays until its own expiry as a `FinishedInteraction` holding only
 * the application, the person and the request's chain id: a second tab or Back on its page can
 * then say the sign-in was completed instead of "expired". Its params and result go. One
 * statement each; the row is no longer an Interaction, so the provider can never resume it again.
 */
export async function retireInteraction(db: Queryable, id: string): Promise<void> {
  const kept = await db
    .update(oidcPayloads)
    .set({
      model: 'FinishedInteraction',
      payload: sql`jsonb_build_object('clientId', ${oidcPayloads.payload}->'params'->>'client_id', 'accountId', ${answeredBy}, 'cid', ${oidcPayloads.payload}->>'cid')`,
      accountId: answeredBy,
      grantId: null,
    })
    .where(and(eq(oidcPayloads.model, 'Interaction'), eq(oidcPayloads.id, id), sql`${oidcPayloads.payload}->'result' is not null`, sql`${oidcPayloads.payload}->'result'->>'error' is null`, sql`${answeredBy} is not null`))
    .returning({ id: oidcPayloads.id });
  if (kept.length === 0) await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, 'Interaction'), eq(oidcPayloads.id, id)));
}

const notExpired = or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, sql`now()`));

export async function findFinishedInteraction(db: Queryable, uid: string): Promise<FinishedInteraction | undefined> {
  const [row] = await db.select({ payload: oidcPayloads.payload }).from(oidcPayloads).where(and(eq(oidcPayloads.model, 'FinishedInteraction'), eq(oidcPayloads.id, uid), notExpired));
  return row?.payload as FinishedInteraction | undefined;
}

/** The uid of the request's step still waiting (the consent question after the login), if any: the provider chains them by `cid`. */
export async function findWaitingInteraction(db: Queryable, cid: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: oidcPayloads.id })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, 'Interaction'), sql`${oidcPayloads.payload}->>'cid' = ${cid}`, sql`${oidcPayloads.payload}->'result' is null`, notExpired))
    .orderBy(desc(oidcPayloads.expiresAt))
    .limit(1);
  return row?.id;
}
