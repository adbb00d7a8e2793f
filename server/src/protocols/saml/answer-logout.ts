import type { FastifyReply, FastifyRequest } from 'fastify';
import { deleteSession } from '../../domain/sessions/session-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { nameIdOf, sessionIndexOf } from '../../domain/saml/assertion-subject.ts';
import { requestContext, type HttpDeps } from '../../http/deps.ts';
import { findSignedIn } from '../../http/plugins/authenticate.ts';
import { clearCookie } from '../../http/plugins/cookies.ts';
import type { LogoutRequest } from './parse-logout-request.ts';
import { startLogoutChain } from './logout-chain.ts';
import { forgetSamlSessionApp, samlAppsOfSession } from '../../domain/saml/saml-session-apps.ts';
import { sendLogoutResponse } from './send-logout-response.ts';

/**
 * SP-initiated single logout (SAML profiles §4.4): the browser's Tessera session ends when it is
 * the session the request names — the same person (NameID) and, when given, the same SessionIndex
 * — and that session signed into the SP that asks; then so does every other SAML application that session signed into (the browser is taken
 * through them first, logout-chain.ts); then the SP gets a signed LogoutResponse at its SLO URL.
 * Another person's session in this browser is left alone. An SP without an SLO URL sends the
 * person to User Login.
 */
export async function answerLogout(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps, orgSlug: string, request: LogoutRequest) {
  const { app, settings } = request;
  const signedIn = await findSignedIn(req, deps);
  // Only an SP this session signed into may end it: an SP that does not sign its requests (or a
  // page posing as one) cannot sign a person out by naming them. The session may be in another of
  // the person's organizations, entered from there.
  const tookPart = signedIn !== undefined && (await samlAppsOfSession(deps.db, signedIn.session.id)).some((a) => a.id === app.id);
  const isNamed =
    signedIn !== undefined &&
    tookPart &&
    nameIdOf(deps.masterKey, app, settings, signedIn.user) === request.nameId &&
    (request.sessionIndexes.length === 0 || request.sessionIndexes.includes(sessionIndexOf(signedIn.session.id, app.id)));
  let chain: string | undefined;
  if (isNamed) {
    const answer = settings.sloUrl ? { appId: app.id, requestId: request.requestId, relayState: request.relayState } : undefined;
    chain = await startLogoutChain(deps, signedIn.session, signedIn.user, '/login', { except: app.id, answer });
    // The SP that asked is answered, not told again over the back channel.
    await forgetSamlSessionApp(deps.db, signedIn.session.id, app.id);
    await deleteSession(deps.db, signedIn.session.id, requestContext(req));
    clearCookie(reply, deps.config, 'session');
    await recordAudit(deps.db, requestContext(req, signedIn.user.id), { event: 'sign_out', outcome: 'success', orgId: app.orgId, targetUserId: signedIn.user.id, details: { via: 'saml_logout', appId: app.id } });
  }
  await recordAudit(deps.db, requestContext(req, signedIn?.user.id), { event: 'saml.logout', outcome: 'success', orgId: app.orgId, targetUserId: isNamed ? signedIn.user.id : null, details: { appId: app.id, requestId: request.requestId, endedSession: isNamed } });

  if (chain) return reply.redirect(chain, 303);
  if (!settings.sloUrl) return reply.redirect('/login', 303);
  return sendLogoutResponse(reply, deps, orgSlug, app, { requestId: request.requestId, relayState: request.relayState });
}
