import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { claimSamlRequest } from '../../domain/saml/saml-request-store.ts';
import { recordSamlSessionApp } from '../../domain/saml/saml-session-apps.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { checkAppAccess } from '../../flows/sso/check-app-access.ts';
import { userOf } from '../../flows/request-memo.ts';
import { requestContext, signedInFlowDeps, type HttpDeps } from '../../http/deps.ts';
import { findSignedIn } from '../../http/plugins/authenticate.ts';
import { issueSamlResponse, issueStatusResponse } from './issue-response.ts';
import type { ResponderStatus } from './render-response.ts';
import { sendAutoPost } from './auto-post-page.ts';
import { loginPath } from '../login-path.ts';

export type SsoTarget = {
  app: AppRow;
  settings: StoredSaml;
  acsUrl: string;
  relayState: string | null;
  /** The recorded AuthnRequest, answered once; null for an IdP-initiated sign-in. */
  requestId: string | null;
  /** Where the browser comes back after User Login or a step-up (a same-origin path). */
  continuePath: string;
  /** IsPassive="true": answer NoPassive rather than ask the person anything. */
  isPassive?: boolean;
  /** ForceAuthn="true": a session signed in before this moment must sign in again. */
  signedInAfter?: Date;
  /** RequestedAuthnContext asked for MFA: a step-up first, as for an application that requires it. */
  requireMfa?: boolean;
};

/**
 * The one access decision (checkAppAccess) turned into SAML: User Login, a step-up or a refusal
 * by redirect, or the signed response posted to the ACS URL. Every outcome is audited.
 */
export async function answerSso(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps, target: SsoTarget) {
  const { app, settings } = target;
  const signedIn = await findSignedIn(req, deps);
  const fd = signedInFlowDeps(deps, req, signedIn);
  const stale = target.signedInAfter && signedIn && signedIn.session.authTime < target.signedInAfter;
  const access = stale ? ({ kind: 'sign_in' } as const) : await checkAppAccess(signedIn?.session, app, fd, { requireMfa: target.requireMfa });
  const returnTo = encodeURIComponent(target.continuePath);
  const initiated = target.requestId ? 'sp' : 'idp';
  if (target.isPassive && target.requestId && (access.kind === 'sign_in' || access.kind === 'step_up')) return answerWithStatus(req, reply, deps, target, target.requestId, 'NoPassive');
  if (access.kind === 'sign_in') return reply.redirect(loginPath(target.continuePath, signedIn !== undefined), 303);
  if (access.kind === 'step_up') return reply.redirect(`/sso/step-up?returnTo=${returnTo}`, 303);
  if (access.kind === 'denied') {
    // Nobody to show a page to: the SP hears the refusal itself (SAML core §3.2.2.2).
    if (target.isPassive && target.requestId) return answerWithStatus(req, reply, deps, target, target.requestId, 'RequestDenied', signedIn?.user.id);
    await recordAudit(deps.db, requestContext(req, signedIn?.user.id), { event: 'saml.sso', outcome: 'failure', orgId: app.orgId, targetUserId: signedIn?.user.id, details: { appId: app.id, initiated, reason: access.reason } });
    return reply.redirect(`/sso/denied?app=${app.id}`, 303);
  }

  // Single use: a request answered once (in another tab, or by a replayed continue link) is not answered again.
  if (target.requestId && !(await claimSamlRequest(deps.db, app.id, target.requestId))) {
    throw new AppError('saml.request_expired', 'This sign-in request was already answered or has expired. Start again from the application.');
  }
  const [user, org] = await Promise.all([userOf(fd, access.userId), findOrgById(deps.db, app.orgId)]);
  if (!user || !org) throw new AppError('app.not_found', 'No such application.');
  const issued = await issueSamlResponse(deps.db, deps.masterKey, { publicUrl: deps.config.publicUrl, orgSlug: org.slug, app, settings, user, session: access.session, acsUrl: target.acsUrl, inResponseTo: target.requestId });
  // When this session ends, so does this application's (logout-chain.ts, back-channel-logout.ts).
  await recordSamlSessionApp(deps.db, access.session, app.id);
  await recordAudit(deps.db, requestContext(req, user.id), {
    event: 'saml.sso',
    outcome: 'success',
    orgId: app.orgId,
    targetUserId: user.id,
    details: { appId: app.id, initiated, requestId: target.requestId, responseId: issued.responseId, nameIdFormat: issued.nameIdFormat },
  });
  return sendAutoPost(reply, issued.acsUrl, { SAMLResponse: issued.samlResponse, RelayState: target.relayState });
}

/** A signed status Response to the SP's request, without an assertion; audited as a failure. */
export async function answerWithStatus(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps, target: Pick<SsoTarget, 'app' | 'settings' | 'acsUrl' | 'relayState'>, requestId: string, status: ResponderStatus, userId?: string) {
  const { app } = target;
  const org = await findOrgById(deps.db, app.orgId);
  if (!org || !(await claimSamlRequest(deps.db, app.id, requestId))) throw new AppError('saml.request_expired', 'This sign-in request was already answered or has expired. Start again from the application.');
  const issued = await issueStatusResponse(deps.db, deps.masterKey, { publicUrl: deps.config.publicUrl, orgSlug: org.slug, app, settings: target.settings, acsUrl: target.acsUrl, inResponseTo: requestId, status });
  const reason = { NoPassive: 'no_passive', RequestDenied: 'denied', InvalidNameIDPolicy: 'name_id_policy', NoAuthnContext: 'authn_context' }[status];
  await recordAudit(deps.db, requestContext(req, userId), { event: 'saml.sso', outcome: 'failure', orgId: app.orgId, targetUserId: userId ?? null, details: { appId: app.id, initiated: 'sp', requestId, reason, responseId: issued.responseId } });
  return sendAutoPost(reply, issued.acsUrl, { SAMLResponse: issued.samlResponse, RelayState: target.relayState });
}
