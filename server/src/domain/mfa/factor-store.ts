import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { mfaFactors, recoveryCodes, users } from '../../db/schema/index.ts';
import { hashRecoveryCode } from './recovery-codes.ts';

export type Factor = typeof mfaFactors.$inferSelect;
export type FactorSummary = { id: string; type: 'totp' | 'webauthn'; name: string; createdAt: string; lastUsedAt: string | null; passkey: boolean };

/** What may be shown about a factor: never the secret, the key or the credential id. */
export const summarizeFactor = (f: Factor): FactorSummary => ({
  id: f.id,
  type: f.type,
  name: f.name,
  createdAt: f.createdAt.toISOString(),
  lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
  passkey: Boolean(f.discoverable),
});

const confirmedFactorsOf = prepared('confirmed_factors_of', (db) => db.select().from(mfaFactors).where(and(eq(mfaFactors.userId, param('userId')), isNotNull(mfaFactors.confirmedAt))).orderBy(mfaFactors.createdAt));

export async function listConfirmedFactors(db: Queryable, userId: string): Promise<Factor[]> {
  return confirmedFactorsOf(db, { userId });
}

export async function findConfirmedFactor(db: Queryable, userId: string, id: string): Promise<Factor | undefined> {
  const [row] = await db.select().from(mfaFactors).where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.id, id), isNotNull(mfaFactors.confirmedAt)));
  return row;
}

const pendingTotpOf = (userId: string) => and(eq(mfaFactors.userId, userId), eq(mfaFactors.type, 'totp'), isNull(mfaFactors.confirmedAt));

/** One pending authenticator-app set-up per person, bound to the session that started it; starting again replaces it. */
export async function createPendingTotp(db: Queryable, input: { userId: string; sessionId: string; sealedSecret: string; name: string }): Promise<Factor> {
  await db.delete(mfaFactors).where(pendingTotpOf(input.userId));
  const [row] = await db.insert(mfaFactors).values({ userId: input.userId, type: 'totp', name: input.name, totpSecretSealed: input.sealedSecret, setupSessionId: input.sessionId }).returning();
  return row;
}

export async function findPendingTotp(db: Queryable, userId: string, sessionId: string): Promise<Factor | undefined> {
  const [row] = await db.select().from(mfaFactors).where(and(pendingTotpOf(userId), eq(mfaFactors.setupSessionId, sessionId)));
  return row;
}

/** Once an authenticator app is confirmed, no other set-up of one may finish. */
export async function dropPendingTotp(db: Queryable, userId: string): Promise<void> {
  await db.delete(mfaFactors).where(pendingTotpOf(userId));
}

/** An authenticator app confirmed in one step, for a sign-in that kept the secret in its own state. */
export async function addConfirmedTotp(db: Queryable, input: { userId: string; name: string; sealedSecret: string; step: number }): Promise<Factor> {
  const now = new Date();
  const [row] = await db
    .insert(mfaFactors)
    .values({ userId: input.userId, type: 'totp', name: input.name, totpSecretSealed: input.sealedSecret, totpLastStep: input.step, confirmedAt: now, lastUsedAt: now })
    .returning();
  return row;
}

/**
 * Replay protection in one statement: the step is recorded only if it is newer than every step
 * accepted before, so a code (or an older one) is never accepted twice, even by parallel requests.
 */
export async function acceptTotpStep(db: Queryable, factorId: string, step: number, confirm?: { name?: string }): Promise<boolean> {
  const rows = await db
    .update(mfaFactors)
    .set({ totpLastStep: step, lastUsedAt: new Date(), ...(confirm ? { confirmedAt: new Date(), setupSessionId: null, ...(confirm.name ? { name: confirm.name } : {}) } : {}) })
    .where(and(eq(mfaFactors.id, factorId), or(isNull(mfaFactors.totpLastStep), lt(mfaFactors.totpLastStep, step))))
    .returning({ id: mfaFactors.id });
  return rows.length === 1;
}

export async function addWebauthnFactor(
  db: Queryable,
  input: { userId: string; name: string; credentialId: string; publicKey: string; signCount: number; transports: string[]; discoverable: boolean },
): Promise<Factor> {
  const [row] = await db
    .insert(mfaFactors)
    .values({ ...input, type: 'webauthn', confirmedAt: new Date() })
    .returning();
  return row;
}

export async function findFactorByCredentialId(db: Queryable, credentialId: string): Promise<Factor | undefined> {
  const [row] = await db.select().from(mfaFactors).where(and(eq(mfaFactors.credentialId, credentialId), isNotNull(mfaFactors.confirmedAt)));
  return row;
}

/**
 * WebAuthn §6.1.1: a signature counter that does not grow (when the authenticator keeps one) means
 * a cloned authenticator. The update only applies if the stored counter is still the one checked.
 */
export async function recordWebauthnUse(db: Queryable, factor: Factor, newCount: number): Promise<boolean> {
  const rows = await db
    .update(mfaFactors)
    .set({ signCount: newCount, lastUsedAt: new Date() })
    .where(and(eq(mfaFactors.id, factor.id), eq(mfaFactors.signCount, factor.signCount ?? 0)))
    .returning({ id: mfaFactors.id });
  return rows.length === 1;
}

/** Only a confirmed factor has a name worth keeping; returns the factor as it was. */
export async function renameFactor(db: Queryable, userId: string, id: string, name: string): Promise<Factor | undefined> {
  const before = await findConfirmedFactor(db, userId, id);
  if (!before) return undefined;
  await db.update(mfaFactors).set({ name }).where(eq(mfaFactors.id, id));
  return before;
}

/** Recovery codes stand in for a factor: with the last factor gone, they go too. Returns the removed factor. */
export async function deleteFactor(db: Queryable, userId: string, id: string): Promise<Factor | undefined> {
  const [row] = await db.delete(mfaFactors).where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.id, id), isNotNull(mfaFactors.confirmedAt))).returning();
  if (row && (await listConfirmedFactors(db, userId)).length === 0) await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return row;
}

/** An administrator's "reset MFA": every factor and recovery code goes. */
export async function deleteAllFactors(db: Queryable, userId: string): Promise<number> {
  const rows = await db.delete(mfaFactors).where(eq(mfaFactors.userId, userId)).returning({ id: mfaFactors.id });
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return rows.length;
}

/** Regeneration replaces every code: the old ones die. */
export async function replaceRecoveryCodes(db: Queryable, userId: string, codes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
}

/** Single use by construction: DELETE … RETURNING; of parallel uses exactly one wins. */
export async function consumeRecoveryCode(db: Queryable, userId: string, code: string): Promise<boolean> {
  const rows = await db
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code))))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function countRecoveryCodes(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return row.n;
}

export async function rememberLastMethod(db: Queryable, userId: string, method: string): Promise<void> {
  await db.update(users).set({ mfaLastMethod: method }).where(eq(users.id, userId));
}
