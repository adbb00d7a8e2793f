import { and, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { passwordResets, setupTokens } from '../../db/schema/index.ts';
import { hashToken, randomToken } from './tokens.ts';

/** How often one person can be mailed a reset link, whoever asks and from wherever. */
export const RESET_THROTTLE = { minSeconds: 60, perHour: 5 } as const;

/**
 * A new reset link kills the older one of the same user — unless one was mailed in the last minute,
 * or five this hour: then nothing changes (the last link still works) and no token is returned.
 * One upsert, so parallel requests cannot both pass the cap.
 */
export async function issuePasswordReset(db: Queryable, userId: string, ttlMinutes = 30): Promise<string | undefined> {
  const token = randomToken();
  const windowOpen = sql`${passwordResets.windowStartedAt} > now() - interval '1 hour'`;
  const [row] = await db
    .insert(passwordResets)
    .values({ userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMinutes * 60_000) })
    .onConflictDoUpdate({
      target: passwordResets.userId,
      set: {
        tokenHash: sql`excluded.token_hash`,
        expiresAt: sql`excluded.expires_at`,
        createdAt: sql`now()`,
        requests: sql`case when ${windowOpen} then ${passwordResets.requests} + 1 else 1 end`,
        windowStartedAt: sql`case when ${windowOpen} then ${passwordResets.windowStartedAt} else now() end`,
      },
      setWhere: sql`${passwordResets.createdAt} <= now() - make_interval(secs => ${RESET_THROTTLE.minSeconds}) and (not ${windowOpen} or ${passwordResets.requests} < ${RESET_THROTTLE.perHour})`,
    })
    .returning({ id: passwordResets.id });
  return row ? token : undefined;
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
