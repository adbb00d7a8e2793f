import { appMfaPolicyOf, appStanding, type AppRow } from '../../domain/apps/app-store.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import { membershipsOf, userOf } from '../request-memo.ts';
import { orgEntryNeeds } from '../account/org-entry.ts';
import type { FlowDeps } from '../deps.ts';

/**
 * What stands between a person and an application, asked by every way into one (OIDC
 * authorization, SAML SSO, the portal tile): the protocol turns the answer into its own redirect.
 * - `sign_in`: no live session — User Login first, then back.
 * - `denied`: not an active member of the application's organization, or not assigned to it.
 * - `sign_in` too when the session belongs to another organization whose rules it does not meet.
 * - `step_up`: the application, its organization (entered from another one) or the client's request
 *   wants a second factor the session lacks.
 */
export type AppAccess =
  | { kind: 'allowed'; userId: string; session: Session }
  | { kind: 'sign_in' }
  | { kind: 'denied'; reason: 'not_member' | 'not_assigned' }
  | { kind: 'step_up'; withinMinutes: number | null };

export type AccessDemand = {
  /** The client asked for MFA itself (OIDC `acr_values`): at least "mfa" then. */
  requireMfa?: boolean;
};

export async function checkAppAccess(session: Session | undefined, app: AppRow, deps: FlowDeps, demand: AccessDemand = {}, now = new Date()): Promise<AppAccess> {
  if (!session) return { kind: 'sign_in' };
  const user = await userOf(deps, session.userId);
  if (!user || user.status !== 'active') return { kind: 'sign_in' };
  // The session may be active in another of the person's organizations: membership in the
  // application's own organization is what counts, and it must not be suspended.
  const standing = await appStanding(deps.db, app, user.id);
  if (standing !== 'assigned') return { kind: 'denied', reason: standing };

  // Signed in to another of their organizations: this one's own rules apply on entering it.
  if (app.orgId !== session.orgId) {
    const membership = (await membershipsOf(deps, user.id)).find((m) => m.orgId === app.orgId);
    const needs = membership ? orgEntryNeeds(session, membership.policies) : 'sign_in';
    if (needs === 'sign_in') return { kind: 'sign_in' };
    if (needs === 'mfa') return { kind: 'step_up', withinMinutes: null };
  }

  const policy = appMfaPolicyOf(app);
  const mfaAt = session.mfaAt?.getTime() ?? null;
  if (policy.mode === 'recent') {
    const fresh = mfaAt !== null && now.getTime() - mfaAt <= policy.withinMinutes * 60_000;
    if (!fresh) return { kind: 'step_up', withinMinutes: policy.withinMinutes };
  } else if ((policy.mode === 'mfa' || demand.requireMfa) && mfaAt === null) {
    return { kind: 'step_up', withinMinutes: null };
  }
  return { kind: 'allowed', userId: user.id, session };
}
