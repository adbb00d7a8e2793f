import { AppError } from '../../errors.ts';
import type { Session } from '../../domain/sessions/session-store.ts';

const RECENT_MS = 15 * 60_000;

/**
 * Sensitive changes (factors, recovery codes, the recovery e-mail, API keys) need a sign-in or a
 * second factor in the last 15 minutes: a session left open on a shared computer is not enough.
 */
export function requireRecentAuthentication(me: { session: Session }, now = Date.now()): void {
  const last = Math.max(me.session.authTime.getTime(), me.session.mfaAt?.getTime() ?? 0);
  if (now - last > RECENT_MS) throw new AppError('auth.reauthenticate', 'For your security, sign in again before making this change.');
}
