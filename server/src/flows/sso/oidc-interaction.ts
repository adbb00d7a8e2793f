import type { AppRow } from '../../domain/apps/app-store.ts';
import { oidcSettingsOf } from '../../domain/apps/oidc-client.ts';
import { hasConsent } from '../../domain/apps/consent-store.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors.ts';
import { checkAppAccess } from './check-app-access.ts';
import type { FlowDeps } from '../deps.ts';

/** What oidc-provider asks of an interaction, reduced to what our rules look at. */
export type InteractionAsk = {
  prompt: 'login' | 'consent' | string;
  reasons: string[];
  clientId: string;
  /** When the authorization request arrived (to the millisecond). */
  requestedAt: Date;
  maxAge?: number;
  acrValues: string[];
  /** Scopes the client asked for that no grant holds yet (consent prompt). */
  missingScopes: string[];
};

export type InteractionNext =
  | { kind: 'sign_in' }
  | { kind: 'denied'; appId: string }
  | { kind: 'step_up'; appId: string }
  | { kind: 'ask_consent'; appId: string; orgId: string }
  | { kind: 'login'; accountId: string; ts: number; amr: string[]; acr: 'mfa' | 'pwd' }
  | { kind: 'consent'; accountId: string; appId: string; orgId: string };

/**
 * The next step of an OIDC interaction. A signed-in person who may use the application passes
 * straight through; the rest are sent to User Login, step-up, a consent question or "no access".
 */
export async function nextInteractionStep(session: Session | undefined, ask: InteractionAsk, app: AppRow | undefined, deps: FlowDeps, now = new Date()): Promise<InteractionNext> {
  const settings = app && oidcSettingsOf(app);
  if (!app || !settings) throw new AppError('app.not_found', 'This application is not known to Tessera.');

  // prompt=login wants a sign-in made after the request; max_age one made within that many seconds.
  const authTime = session ? Math.floor(session.authTime.getTime() / 1000) : 0;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const staleForPrompt = ask.reasons.includes('login_prompt') && (!session || session.authTime < ask.requestedAt);
  const staleForMaxAge = ask.maxAge !== undefined && nowSeconds - authTime > ask.maxAge;
  if (!session || (ask.prompt === 'login' && (staleForPrompt || staleForMaxAge))) return { kind: 'sign_in' };

  const access = await checkAppAccess(session, app, deps, { requireMfa: ask.acrValues.includes('mfa') }, now);
  if (access.kind === 'sign_in') return { kind: 'sign_in' };
  if (access.kind === 'denied') {
    await recordAudit(deps.db, { ...deps.ctx, actorUserId: session.userId }, { event: 'app.sso', outcome: 'failure', orgId: app.orgId, targetUserId: session.userId, details: { appId: app.id, protocol: 'oidc', reason: access.reason } });
    return { kind: 'denied', appId: app.id };
  }
  if (access.kind === 'step_up') return { kind: 'step_up', appId: app.id };

  if (ask.prompt === 'login') {
    return { kind: 'login', accountId: session.userId, ts: authTime, amr: session.amr, acr: session.mfaAt ? 'mfa' : 'pwd' };
  }
  if (settings.consent === 'implicit') return { kind: 'consent', accountId: session.userId, appId: app.id, orgId: app.orgId };
  // prompt=consent asks again although the person allowed it before (OIDC Core §3.1.2.1); an
  // application the organization trusts has no consent question to ask.
  const askedAgain = ask.reasons.includes('consent_prompt');
  if (askedAgain || !(await hasConsent(deps.db, session.userId, app.id, ask.missingScopes))) return { kind: 'ask_consent', appId: app.id, orgId: app.orgId };
  return { kind: 'consent', accountId: session.userId, appId: app.id, orgId: app.orgId };
}
