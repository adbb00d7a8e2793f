import { sessionPolicySchema } from '../../../../contract/org-policies.ts';
import type { sessions } from '../../db/schema/index.ts';

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export const DEFAULT_SESSION_POLICY: SessionPolicy = sessionPolicySchema.parse({});

/** An organization's stored `policies.session`: missing fields take their defaults, a corrupt value all of them. */
export function parseSessionPolicy(raw: unknown): SessionPolicy {
  const parsed = sessionPolicySchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SESSION_POLICY;
}

type Timed = Pick<typeof sessions.$inferSelect, 'createdAt' | 'lastSeenAt' | 'expiresAt' | 'idleMinutes'>;

/**
 * A session lives by the stricter of what it was opened with and its organization's policy now:
 * an administrator who shortens the idle timeout or the lifetime means sessions already open too,
 * while loosening the policy never stretches a session past what it was promised at sign-in (a
 * passwordless session's shorter re-verification lifetime included).
 */
export function isSessionLive(row: Timed, policy: SessionPolicy, now: Date): boolean {
  const expiresAt = Math.min(row.expiresAt.getTime(), row.createdAt.getTime() + policy.absoluteHours * 3_600_000);
  const idleMinutes = Math.min(row.idleMinutes, policy.idleMinutes);
  return expiresAt > now.getTime() && row.lastSeenAt.getTime() + idleMinutes * 60_000 > now.getTime();
}
