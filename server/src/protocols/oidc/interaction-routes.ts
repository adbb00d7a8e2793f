import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { z } from 'zod';
import { abortInteractionInput, consentAnswerInput, interactionOutcomeSchema } from '../../../../contract/oidc-apps.ts';
import { AppError } from '../../errors.ts';
import { recordConsent } from '../../domain/apps/consent-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { nextInteractionStep, type InteractionAsk } from '../../flows/sso/oidc-interaction.ts';
import { whatBecameOfInteraction } from '../../flows/sso/reopened-interaction.ts';
import { launchUrlOf } from '../../domain/apps/launch-url.ts';
import { flowDeps, requestContext, signedInFlowDeps, type HttpDeps } from '../../http/deps.ts';
import { findSignedIn, requireSignedIn } from '../../http/plugins/authenticate.ts';
import type { ProviderHolder } from './provider-holder.ts';
import { loginPath } from '../login-path.ts';
import { requestedAtOf } from './requested-at.ts';
import { firstSpoken, LANGUAGE_PARAM } from '../../../../contract/language.ts';

const params = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) });
type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const notFound = () => new AppError('sso.interaction_not_found', 'This sign-in request has expired or was already used. Go back to the application and start again.');

/** The interaction as oidc-provider keeps it, if it still waits; only the browser holding its cookie can reach it. */
async function liveDetailsOf(provider: Provider, req: FastifyRequest, reply: FastifyReply): Promise<Details | undefined> {
  const details = await provider.interactionDetails(req.raw, reply.raw).catch(() => undefined);
  return details && details.uid === (req.params as { uid: string }).uid ? details : undefined;
}

async function detailsOf(provider: Provider, req: FastifyRequest, reply: FastifyReply): Promise<Details> {
  const details = await liveDetailsOf(provider, req, reply);
  if (!details) throw notFound();
  return details;
}

/**
 * As provider.interactionResult, on the interaction already read: that would read it (and its
 * session) again. The same steps: the result (merged with the last submission unless it is an
 * error), saved for the interaction's remaining lifetime; then where the browser goes back to.
 */
async function finish(details: Details, result: InteractionResults, { mergeWithLastSubmission }: { mergeWithLastSubmission: boolean }): Promise<string> {
  details.result = mergeWithLastSubmission && !('error' in result) ? { ...details.lastSubmission, ...result } : result;
  await details.save(details.exp - Math.floor(Date.now() / 1000));
  return details.returnTo;
}

function askOf(details: Details): InteractionAsk {
  const p = details.params as Record<string, unknown>;
  const missing = (details.prompt.details as { missingOIDCScope?: string[] }).missingOIDCScope ?? [];
  return {
    prompt: details.prompt.name,
    reasons: details.prompt.reasons,
    clientId: String(p.client_id),
    requestedAt: requestedAtOf(p, details.iat),
    maxAge: p.max_age === undefined ? undefined : Number(p.max_age),
    acrValues: String(p.acr_values ?? '').split(' ').filter(Boolean),
    missingScopes: missing,
  };
}

/** A grant holding what the client asked for and no grant holds yet (the consent prompt's details). */
async function grantMissing(provider: Provider, details: Details, accountId: string): Promise<string> {
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) throw notFound();
  const d = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
  if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

/**
 * oidc-provider's interactions, answered by Tessera's own sign-in. The provider sends the browser
 * to GET /api/oidc/interaction/:uid; this decides and redirects — to User Login, step-up, the
 * consent question, "no access", or back to the provider with the result.
 */
export async function oidcInteractionRoutes(app: FastifyInstance, deps: HttpDeps, holder: ProviderHolder): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const here = (uid: string) => `/api/oidc/interaction/${uid}`;

  r.get('/api/oidc/interaction/:uid', { config: { browserPage: true }, schema: { params } }, async (req, reply) => {
    const { provider, clients } = await holder.current();
    const details = await liveDetailsOf(provider, req, reply);
    const signedIn = await findSignedIn(req, deps);
    if (!details) {
      // Reopened after it ended (a second tab, Back from the application): no second sign-in for it.
      const was = await whatBecameOfInteraction(req.params.uid, signedIn?.session, deps.db);
      if (was?.kind === 'continue') return reply.redirect(here(was.uid), 303);
      if (was?.kind === 'completed') return reply.redirect(`/sso/completed/${req.params.uid}`, 303);
      throw notFound();
    }
    const ask = askOf(details);
    const next = await nextInteractionStep(signedIn?.session, ask, (await clients.get(ask.clientId))?.app, signedInFlowDeps(deps, req, signedIn));
    const back = encodeURIComponent(here(details.uid));
    // The pages speak the application's ui_locales (OIDC Core §3.1.2.1) unless this browser chose its own.
    const spoken = firstSpoken(String(details.params.ui_locales ?? '').split(' '));
    const page = (path: string) => (spoken ? `${path}${path.includes('?') ? '&' : '?'}${LANGUAGE_PARAM}=${spoken}` : path);
    switch (next.kind) {
      case 'sign_in':
        return reply.redirect(page(loginPath(here(details.uid), signedIn !== undefined, details.params.login_hint)), 303);
      case 'denied':
        return reply.redirect(page(`/sso/denied?interaction=${details.uid}`), 303);
      case 'step_up':
        return reply.redirect(page(`/sso/step-up?returnTo=${back}&interaction=${details.uid}`), 303);
      case 'ask_consent':
        return reply.redirect(page(`/sso/consent/${details.uid}`), 303);
      case 'login': {
        const to = await finish(details, { login: { accountId: next.accountId, ts: next.ts, amr: next.amr, acr: next.acr } }, { mergeWithLastSubmission: false });
        return reply.redirect(to, 303);
      }
      case 'consent': {
        const grantId = await grantMissing(provider, details, next.accountId);
        const to = await finish(details, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return reply.redirect(to, 303);
      }
    }
  });

  /** For the "already completed" page: only ended requests this person answered (flows/sso/reopened-interaction.ts). */
  r.get('/api/oidc/interaction/:uid/outcome', { schema: { params, response: { 200: interactionOutcomeSchema } } }, async (req) => {
    const { session } = await requireSignedIn(req, deps);
    const was = await whatBecameOfInteraction(req.params.uid, session, deps.db);
    if (!was) throw notFound();
    if (was.kind === 'continue') return { kind: 'continue' as const, to: here(was.uid) };
    const { id, name, icon } = was.app;
    return { kind: 'completed' as const, app: { id, name, icon, launchUrl: launchUrlOf(was.app, deps.config.publicUrl) ?? null } };
  });

  /** The consent question: which application, and what it asks to see. */
  r.get('/api/oidc/interaction/:uid/consent', { schema: { params } }, async (req, reply) => {
    const { provider, clients } = await holder.current();
    const details = await detailsOf(provider, req, reply);
    const { user } = await requireSignedIn(req, deps);
    const target = (await clients.get(String(details.params.client_id)))?.app;
    if (!target || details.prompt.name !== 'consent' || details.session?.accountId !== user.id) throw notFound();
    // Asked again (prompt=consent): the question is about all the client asks for, not only what is new.
    const ask = askOf(details);
    const scopes = ask.reasons.includes('consent_prompt') ? String(details.params.scope ?? '').split(' ') : ask.missingScopes;
    return { app: { id: target.id, name: target.name, icon: target.icon }, scopes: scopes.filter((s) => s && s !== 'openid') };
  });

  r.post('/api/oidc/interaction/:uid/consent', { schema: { params, body: consentAnswerInput } }, async (req, reply) => {
    const { provider, clients } = await holder.current();
    const details = await detailsOf(provider, req, reply);
    const { user, session } = await requireSignedIn(req, deps);
    if (details.prompt.name !== 'consent' || details.session?.accountId !== user.id) throw notFound();
    const appId = String(details.params.client_id);
    const ask = askOf(details);
    if (!req.body.approve) {
      const target = (await clients.get(appId))?.app;
      if (target) await recordAudit(deps.db, requestContext(req, user.id), { event: 'app.consent', outcome: 'failure', orgId: target.orgId, targetUserId: user.id, details: { appId, scopes: ask.missingScopes, reason: 'declined' } });
      const to = await finish(details, { error: 'access_denied', error_description: 'The person did not allow access.' }, { mergeWithLastSubmission: true });
      return { redirectTo: to };
    }
    // The same rules as the straight-through path: still signed in, still assigned, MFA met.
    const next = await nextInteractionStep(session, ask, (await clients.get(appId))?.app, flowDeps(deps, req, user.id));
    if (next.kind !== 'ask_consent' && next.kind !== 'consent') return { redirectTo: here(details.uid) };
    await recordConsent(deps.db, user.id, appId, ask.missingScopes);
    const grantId = await grantMissing(provider, details, user.id);
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'app.consent', outcome: 'success', orgId: next.orgId, targetUserId: user.id, details: { appId, scopes: ask.missingScopes } });
    const to = await finish(details, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return { redirectTo: to };
  });

  /** Back to the application without signing in (no access, or the extra check cancelled): the client learns access_denied, nothing issued. */
  r.post('/api/oidc/interaction/:uid/abort', { schema: { params, body: abortInteractionInput } }, async (req, reply) => {
    const { provider } = await holder.current();
    const details = await detailsOf(provider, req, reply);
    const description = req.body.reason === 'step_up_cancelled' ? 'The person did not complete the verification the application asks for.' : 'You do not have access to this application.';
    const to = await finish(details, { error: 'access_denied', error_description: description }, { mergeWithLastSubmission: true });
    return { redirectTo: to };
  });
}
