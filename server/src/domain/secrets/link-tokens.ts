import { and, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { passwordResets, setupTokens } from '../../db/schema/index.ts';
import { hashToken, randomToken } from './tokens.ts';

/** A new reset link kills every older one of the same user. */
export async function createPasswordReset(db: Queryable, userId: string, ttlMinutes = 30): Promise<string> {
  const token = randomToken();
  await db.delete(passwordResets).where(eq(passwordResets.userId, userId));
  await db.insert(passwordResets).values({ userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMinutes * 60_000) });
  return token;
}

export async function findPasswordReset(db: Queryable, token: string) {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), gt(passwordResets.expiresAt, new Date())));
  return row;
}

/** Single use by construction: DELETE … RETURNING lets exactly one of many parallel requests win. */
export async function consumePasswordReset(db: Queryable, token: string): Promise<{ userId: string } | undefined> {
  const [row] = await db
    .delete(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), gt(passwordResets.expiresAt, new Date())))
    .returning({ userId: passwordResets.userId });
  return row;
}

export async function deleteUserPasswordResets(db: Queryable, userId: string): Promise<void> {
  await db.delete(passwordResets).where(eq(passwordResets.userId, userId));
}

export async function createSetupToken(db: Queryable, ttlHours = 24): Promise<string> {
  const token = randomToken();
  await db.insert(setupTokens).values({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlHours * 3_600_000) });
  return token;
}

export async function isSetupTokenValid(db: Queryable, token: string): Promise<boolean> {
  const [row] = await db
    .select({ h: setupTokens.tokenHash })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), gt(setupTokens.expiresAt, new Date())));
  return Boolean(row);
}

/** Consuming one setup link consumes them all: setup happens once. */
export async function consumeSetupToken(db: Queryable, token: string): Promise<boolean> {
  const rows = await db
    .delete(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), gt(setupTokens.expiresAt, new Date())))
    .returning({ h: setupTokens.tokenHash });
  if (rows.length === 0) return false;
  await db.delete(setupTokens).where(sql`true`);
  return true;
}
