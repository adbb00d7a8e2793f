import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { signInFailures } from '../../db/schema/index.ts';
import { hashToken } from '../secrets/tokens.ts';
import type { LockoutPolicy } from '../policies/org-policies.ts';

export type LockState = { locked: boolean; failures: number };

/** Keyed by a hash of the canonical identifier, typed known or not: the counter is no enumeration oracle. */
export const lockoutKey = (canonicalIdentifier: string) => hashToken(`lockout:${canonicalIdentifier}`);

const failuresOf = prepared('sign_in_failures_of', (db) => db.select().from(signInFailures).where(eq(signInFailures.identifierHash, param('key'))));

export async function getLockState(db: Queryable, key: string, now = new Date()): Promise<LockState> {
  const [row] = await failuresOf(db, { key });
  if (!row) return { locked: false, failures: 0 };
  return { locked: isLocked(row, now), failures: row.failures };
}

function isLocked(row: { lockedAt: Date | null; lockedUntil: Date | null }, now: Date): boolean {
  if (!row.lockedAt) return false;
  return row.lockedUntil === null || row.lockedUntil > now;
}

/**
 * One statement counts the failure and decides the lock, so parallel guesses cannot slip past the
 * threshold. An expired lock starts a fresh count. Returns whether this failure locked the account.
 */
export async function recordFailure(db: Queryable, key: string, policy: LockoutPolicy): Promise<{ lockedNow: boolean; locked: boolean }> {
  const duration = policy.durationMinutes === 0 ? sql`null::timestamptz` : sql`now() + make_interval(mins => ${policy.durationMinutes})`;
  const result = await db.execute<{ failures: number; locked_at: Date | null; was_locked: boolean }>(sql`
    insert into sign_in_failures as f (identifier_hash, failures, last_failure_at) values (${key}, 1, now())
    on conflict (identifier_hash) do update set
      failures = case when f.locked_at is not null and f.locked_until <= now() then 1 else f.failures + 1 end,
      locked_at = case when f.locked_at is not null and f.locked_until <= now() then null else f.locked_at end,
      locked_until = case when f.locked_at is not null and f.locked_until <= now() then null else f.locked_until end,
      last_failure_at = now()
    returning failures, locked_at, false as was_locked`);
  const row = rowsOf<{ failures: number; locked_at: Date | null }>(result)[0];
  if (row.locked_at) return { lockedNow: false, locked: true };
  if (row.failures < policy.maxFailures) return { lockedNow: false, locked: false };
  // Only the request that crosses the threshold sets the lock (and sends the mail).
  const locked = await db.execute(sql`
    update sign_in_failures set locked_at = now(), locked_until = ${duration}
    where identifier_hash = ${key} and locked_at is null returning 1`);
  return { lockedNow: rowsOf(locked).length === 1, locked: true };
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.identifierHash, key));
}

/** Both drivers return rows, in slightly different envelopes. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
