import { mfaPolicySchema, sessionPolicySchema } from '../../../../contract/org-policies.ts';
import type { sessions } from '../../db/schema/index.ts';

/** `reverifyHours`: how long a passwordless (passkey-only) session lasts before the authenticator is touched again. */
export type SessionPolicy = { idleMinutes: number; absoluteHours: number; reverifyHours: number };

export const DEFAULT_SESSION_POLICY: SessionPolicy = { ...sessionPolicySchema.parse({}), reverifyHours: mfaPolicySchema.parse({}).reverifyHours };

/**
 * An organization's stored `policies.session` and `policies.mfa.reverifyHours`, as the session
 * lookup reads them (`{ session, reverifyHours }`): missing fields take their defaults, a corrupt value all of them.
 */
export function parseSessionPolicy(raw: unknown): SessionPolicy {
  const { session, reverifyHours } = (raw ?? {}) as { session?: unknown; reverifyHours?: unknown };
  const parsed = sessionPolicySchema.safeParse(session ?? {});
  const hours = mfaPolicySchema.shape.reverifyHours.safeParse(reverifyHours ?? undefined);
  return parsed.success ? { ...parsed.data, reverifyHours: hours.success ? hours.data : DEFAULT_SESSION_POLICY.reverifyHours } : DEFAULT_SESSION_POLICY;
}

type Timed = Pick<typeof sessions.$inferSelect, 'createdAt' | 'lastSeenAt' | 'expiresAt' | 'idleMinutes' | 'amr'>;

/**
 * A session lives by the stricter of what it was opened with and its organization's policy now:
 * an administrator who shortens the idle timeout or the lifetime means sessions already open too,
 * while loosening the policy never stretches a session past what it was promised at sign-in (a
 * passwordless session's shorter re-verification lifetime included).
 */
export function isSessionLive(row: Timed, policy: SessionPolicy, now: Date): boolean {
  // A passkey-only session (no password) is re-verified after reverifyHours, as open-session.ts sets it at sign-in.
  const hours = row.amr.includes('pwd') ? policy.absoluteHours : Math.min(policy.absoluteHours, policy.reverifyHours);
  const expiresAt = Math.min(row.expiresAt.getTime(), row.createdAt.getTime() + hours * 3_600_000);
  const idleMinutes = Math.min(row.idleMinutes, policy.idleMinutes);
  return expiresAt > now.getTime() && row.lastSeenAt.getTime() + idleMinutes * 60_000 > now.getTime();
}
