import type { Session } from '../../domain/sessions/session-store.ts';
import type { OrgPolicies } from '../../domain/policies/org-policies.ts';

/**
 * What a session lacks to enter an organization other than the one it signed in to: each
 * organization's rules apply on entering it — by the account menu's switcher, or by single sign-on
 * into one of its applications. `mfa`: it requires MFA and the session has none (a step-up does);
 * `sign_in`: it turned passwordless sign-in off and the session is passkey-only (only a password does).
 */
export function orgEntryNeeds(session: Pick<Session, 'amr' | 'mfaAt'>, policies: Pick<OrgPolicies, 'mfa'>): 'nothing' | 'mfa' | 'sign_in' {
  if (!session.amr.includes('pwd') && !policies.mfa.passwordless) return 'sign_in';
  if (policies.mfa.mode === 'required' && !session.mfaAt) return 'mfa';
  return 'nothing';
}
