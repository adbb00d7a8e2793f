import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { findAppById } from '../../domain/apps/app-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { createFlow, deleteFlow, loadFlow, replaceFlowState } from '../../domain/flows/flow-store.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { nameIdOf, sessionIndexOf } from '../../domain/saml/assertion-subject.ts';
import { samlSettingsOf, type StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { samlAppsOfSession } from '../../domain/saml/saml-session-apps.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { requestContext, type HttpDeps } from '../../http/deps.ts';
import { sendAutoPost } from './auto-post-page.ts';
import type { LogoutResponse } from './parse-logout-response.ts';
import { newSamlId } from './render-response.ts';
import { signLogoutRequest } from './sign-logout-request.ts';
import { sendLogoutResponse } from './send-logout-response.ts';

/**
 * IdP-initiated single logout (SAML profiles §4.4.3), front channel: logging out of the portal
 * takes the browser to each SAML application the session signed into that has a single logout URL,
 * with a signed LogoutRequest; each answers with a LogoutResponse to the IdP's SLO endpoint, which
 * goes on to the next, then to User Login. An SP's own LogoutRequest starts one too: the other
 * applications first, then that SP's LogoutResponse. The chain is a flow of its own (the Tessera
 * session is already gone); its token travels as the RelayState. Visited again while an SP has not
 * answered, it goes on without that answer: one broken SP does not keep the others signed in.
 */
const KIND = 'saml_logout';
const CHAIN_MINUTES = 10;

type Step = { appId: string; nameId: string; sessionIndex: string };
/** The SP whose own LogoutRequest started the chain, answered once the others are done. */
type Answer = { appId: string; requestId: string; relayState: string | null };
type ChainState = { userId: string; steps: Step[]; awaiting: { appId: string; requestId: string } | null; doneUrl: string; answer?: Answer };

export const logoutChainPath = (token: string) => `/saml/logout/${token}`;

/** Where the browser takes an application's LogoutRequest: none for one told over the back channel instead (back-channel-logout.ts). */
const browserSloUrl = (settings: StoredSaml): string | null => (settings.sloSoapUrl ? null : settings.sloUrl);

/**
 * Called before the session ends (then the back channel takes what it signed into): where the browser goes to
 * sign out of those applications, or undefined when none of them takes single logout. When an SP
 * started it (`except` is that SP), the chain ends with `answer`, that SP's LogoutResponse.
 */
export async function startLogoutChain(deps: HttpDeps, session: Session, user: User, doneUrl: string, started?: { except: string; answer?: Answer }): Promise<string | undefined> {
  const steps = (await samlAppsOfSession(deps.db, session.id)).flatMap((app): Step[] => {
    const settings = samlSettingsOf(app);
    return browserSloUrl(settings) && app.id !== started?.except ? [{ appId: app.id, nameId: nameIdOf(deps.masterKey, app, settings, user), sessionIndex: sessionIndexOf(session.id, app.id) }] : [];
  });
  if (steps.length === 0) return undefined;
  const { token } = await createFlow<ChainState>(deps.db, KIND, { userId: user.id, steps, awaiting: null, doneUrl, ...(started?.answer ? { answer: started.answer } : {}) }, CHAIN_MINUTES);
  return logoutChainPath(token);
}

/** The next application's LogoutRequest (an auto-post page), or User Login once none is left. */
export async function continueLogoutChain(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps, token: string) {
  const flow = await loadFlow<ChainState>(deps.db, KIND, token);
  // Finished, expired or never started: the person is signed out of Tessera either way.
  if (typeof flow === 'string') return reply.redirect('/login', 303);
  const [step, ...rest] = flow.state.steps;
  if (!step) {
    await deleteFlow(deps.db, flow.id);
    const { answer } = flow.state;
    const initiator = answer && (await findAppById(deps.db, answer.appId));
    const initiatorOrg = initiator?.type === 'saml' && (await findOrgById(deps.db, initiator.orgId));
    if (initiator && initiatorOrg) return sendLogoutResponse(reply, deps, initiatorOrg.slug, initiator, answer);
    return reply.redirect(flow.state.doneUrl, 303);
  }
  const app = await findAppById(deps.db, step.appId);
  const settings = app?.type === 'saml' ? samlSettingsOf(app) : undefined;
  const sloUrl = settings && browserSloUrl(settings);
  const org = app && (await findOrgById(deps.db, app.orgId));
  if (!app || !settings || !sloUrl || !org) {
    // Removed, or its single logout URL taken away (or a SOAP one given), since the person signed in: nothing to tell it here.
    await replaceFlowState(deps.db, flow.id, flow.state, { ...flow.state, steps: rest, awaiting: null });
    return continueLogoutChain(req, reply, deps, token);
  }
  const requestId = newSamlId();
  if (!(await replaceFlowState(deps.db, flow.id, flow.state, { ...flow.state, steps: rest, awaiting: { appId: app.id, requestId } }))) {
    throw new AppError('saml.request_replayed', 'This logout step was already taken, perhaps in another tab.');
  }
  const signed = await signLogoutRequest(deps, org, settings, { requestId, destination: sloUrl, nameId: step.nameId, sessionIndex: step.sessionIndex, relayState: token });
  await recordAudit(deps.db, requestContext(req, flow.state.userId), { event: 'saml.logout', outcome: 'success', orgId: app.orgId, targetUserId: flow.state.userId, details: { appId: app.id, initiated: 'idp', requestId } });
  return sendAutoPost(reply, sloUrl, { SAMLRequest: signed, RelayState: token }, 'sign-out');
}

/** An SP's LogoutResponse: it must answer the request this chain sent it; then on to the next one. */
export async function answerLogoutResponse(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps, response: LogoutResponse) {
  const token = response.relayState ?? '';
  const flow = token ? await loadFlow<ChainState>(deps.db, KIND, token) : 'missing';
  const awaiting = typeof flow === 'string' ? null : flow.state.awaiting;
  if (typeof flow === 'string' || awaiting?.appId !== response.app.id || awaiting.requestId !== response.inResponseTo) {
    await recordAudit(deps.db, requestContext(req), { event: 'saml.logout', outcome: 'failure', orgId: response.app.orgId, details: { appId: response.app.id, initiated: 'idp', inResponseTo: response.inResponseTo, reason: 'unexpected_response' } });
    throw new AppError('saml.request_invalid', 'This logout response answers no logout request of ours.');
  }
  if (!(await replaceFlowState(deps.db, flow.id, flow.state, { ...flow.state, awaiting: null }))) {
    throw new AppError('saml.request_replayed', 'This logout step was already taken, perhaps in another tab.');
  }
  await recordAudit(deps.db, requestContext(req, flow.state.userId), {
    event: 'saml.logout_response',
    outcome: response.success ? 'success' : 'failure',
    orgId: response.app.orgId,
    targetUserId: flow.state.userId,
    details: { appId: response.app.id, inResponseTo: response.inResponseTo },
  });
  return reply.redirect(logoutChainPath(token), 303);
}
