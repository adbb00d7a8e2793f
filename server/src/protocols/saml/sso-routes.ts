import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { findAppById } from '../../domain/apps/app-store.ts';
import { findOrgBySlug } from '../../domain/orgs/org-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import { samlSettingsOf } from '../../domain/saml/saml-app-store.ts';
import { findPendingSamlRequest, recordSamlRequest } from '../../domain/saml/saml-request-store.ts';
import { requestContext, type HttpDeps } from '../../http/deps.ts';
import { slugField } from '../../../../contract/fields.ts';
import { buildIdp, idpUrls } from './saml-entities.ts';
import { parseAuthnRequest } from './parse-authn-request.ts';
import type { InboundMessage } from './read-sp-request.ts';
import { answerLogout } from './answer-logout.ts';
import { parseLogoutRequest } from './parse-logout-request.ts';
import { parseLogoutResponse } from './parse-logout-response.ts';
import { answerLogoutResponse, continueLogoutChain } from './logout-chain.ts';
import { answerSso, answerWithStatus } from './answer-sso.ts';
import { AUTO_POST_SCRIPT, AUTO_POST_SCRIPT_PATH } from './auto-post-page.ts';
import { MAX_ENCODED_MESSAGE } from './xml-guards.ts';

const orgParams = z.object({ orgSlug: slugField });
const appParams = z.object({ appId: z.uuid() });
const message = z.object({ SAMLRequest: z.string().min(1), RelayState: z.string().optional(), SigAlg: z.string().optional(), Signature: z.string().optional() });
/** The SLO endpoint takes an SP's LogoutRequest, or its LogoutResponse to one the IdP sent. */
const logoutMessage = message
  .extend({ SAMLRequest: z.string().min(1).optional(), SAMLResponse: z.string().min(1).optional() })
  .refine((m) => (m.SAMLRequest === undefined) !== (m.SAMLResponse === undefined), { message: 'Send either a SAMLRequest or a SAMLResponse.' });
/** A POSTed AuthnRequest plus RelayState; anything bigger is refused (413) before it is read. */
const POST_BODY_LIMIT = MAX_ENCODED_MESSAGE + 8 * 1024;

const continuePathOf = (appId: string, requestId: string, isPassive = false) => `/saml/apps/${appId}/continue?request=${encodeURIComponent(requestId)}${isPassive ? '&passive=1' : ''}`;

/**
 * The organizations' SAML 2.0 identity providers: metadata, SP- and IdP-initiated single sign-on.
 * Protocol endpoints, kept out of the OpenAPI document (their shapes are fixed by the SAML specs).
 */
export async function samlSsoRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Only in this plugin's scope: the POST binding is an HTML form post from the SP's page.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: POST_BODY_LIMIT }, (_req, body, done) => {
    const params = new URLSearchParams(body as string);
    if (params.getAll('SAMLRequest').length > 1) return done(new AppError('saml.request_invalid', 'The SAML request is sent twice.'), undefined);
    done(null, Object.fromEntries(params));
  });

  async function orgOrFail(slug: string) {
    const org = await findOrgBySlug(deps.db, slug);
    if (!org) throw new AppError('org.not_found', 'No such organization.');
    return org;
  }

  r.get(AUTO_POST_SCRIPT_PATH, { schema: { hide: true } }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTO_POST_SCRIPT));

  r.get('/saml/:orgSlug/metadata', { schema: { hide: true, params: orgParams } }, async (req, reply) => {
    const org = await orgOrFail(req.params.orgSlug);
    const idp = buildIdp(deps.config.publicUrl, org.slug, await ensureSamlIdpKey(deps.db, deps.masterKey, org.id));
    return reply.type('application/samlmetadata+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(idp.getMetadata());
  });

  /** SP-initiated: validate, record (replays refused), then the access decision. */
  async function handleAuthnRequest(req: FastifyRequest, reply: Parameters<typeof answerSso>[1], slug: string, msg: InboundMessage) {
    const org = await orgOrFail(slug);
    const receivedAt = new Date();
    let parsed;
    try {
      parsed = await parseAuthnRequest(deps.db, org.id, idpUrls(deps.config.publicUrl, org.slug).ssoUrl, msg);
      if (!(await recordSamlRequest(deps.db, { appId: parsed.app.id, requestId: parsed.requestId, acsUrl: parsed.acsUrl, relayState: parsed.relayState, forceAuthn: parsed.forceAuthn, requireMfa: parsed.requireMfa }, receivedAt))) {
        throw new AppError('saml.request_replayed', 'This sign-in request was already used. Start again from the application.');
      }
    } catch (err) {
      if (err instanceof AppError) {
        await recordAudit(deps.db, requestContext(req), { event: 'saml.sso', outcome: 'failure', orgId: org.id, details: { initiated: 'sp', binding: msg.binding, code: err.code, appId: parsed?.app.id ?? null } });
      }
      throw err;
    }
    if (parsed.unsupportedNameIdFormat) return answerWithStatus(req, reply, deps, parsed, parsed.requestId, 'InvalidNameIDPolicy');
    // A cross-site POST carries no SameSite=Lax session cookie: a signed-in person would be asked to
    // sign in again. The answer comes from a same-site GET of the continue page, which carries it.
    if (msg.binding === 'post') return reply.redirect(continuePathOf(parsed.app.id, parsed.requestId, parsed.isPassive), 303);
    return answerSso(req, reply, deps, { ...parsed, requestId: parsed.requestId, continuePath: continuePathOf(parsed.app.id, parsed.requestId), signedInAfter: parsed.forceAuthn ? receivedAt : undefined, requireMfa: parsed.requireMfa });
  }

  r.get('/saml/:orgSlug/sso', { config: { browserPage: true }, schema: { hide: true, params: orgParams, querystring: message } }, async (req, reply) => {
    const rawQuery = req.raw.url?.split('?')[1] ?? '';
    return handleAuthnRequest(req, reply, req.params.orgSlug, { binding: 'redirect', encoded: req.query.SAMLRequest, relayState: req.query.RelayState, rawQuery });
  });

  r.post('/saml/:orgSlug/sso', { bodyLimit: POST_BODY_LIMIT, config: { protocolEndpoint: true, browserPage: true }, schema: { hide: true, params: orgParams, body: message } }, async (req, reply) =>
    handleAuthnRequest(req, reply, req.params.orgSlug, { binding: 'post', encoded: req.body.SAMLRequest, relayState: req.body.RelayState }),
  );

  /**
   * Single logout, HTTP-Redirect binding (the only one the metadata offers): an SP's LogoutRequest
   * (SP-initiated), or its LogoutResponse to the IdP's own (logout-chain.ts).
   */
  r.get('/saml/:orgSlug/slo', { config: { browserPage: true }, schema: { hide: true, params: orgParams, querystring: logoutMessage } }, async (req, reply) => {
    const org = await orgOrFail(req.params.orgSlug);
    const rawQuery = req.raw.url?.split('?')[1] ?? '';
    const sloUrl = idpUrls(deps.config.publicUrl, org.slug).sloUrl;
    const { SAMLRequest, SAMLResponse, RelayState: relayState } = req.query;
    const inbound = (encoded: string) => ({ binding: 'redirect' as const, encoded, relayState, rawQuery });
    let parsed;
    try {
      parsed = SAMLResponse
        ? ({ kind: 'response', response: await parseLogoutResponse(deps.db, org.id, sloUrl, inbound(SAMLResponse)) } as const)
        : ({ kind: 'request', request: await parseLogoutRequest(deps.db, org.id, sloUrl, inbound(SAMLRequest!)) } as const);
    } catch (err) {
      if (err instanceof AppError) await recordAudit(deps.db, requestContext(req), { event: 'saml.logout', outcome: 'failure', orgId: org.id, details: { code: err.code } });
      throw err;
    }
    return parsed.kind === 'response' ? answerLogoutResponse(req, reply, deps, parsed.response) : answerLogout(req, reply, deps, org.slug, parsed.request);
  });

  /** The next step of an IdP-initiated single logout (its token is the chain's RelayState). */
  r.get('/saml/logout/:token', { config: { browserPage: true }, schema: { hide: true, params: z.object({ token: z.string().min(1).max(128) }) } }, async (req, reply) => continueLogoutChain(req, reply, deps, req.params.token));

  /** Back from User Login or a step-up: the recorded request, if it is still unanswered. */
  r.get('/saml/apps/:appId/continue', { config: { browserPage: true }, schema: { hide: true, params: appParams, querystring: z.object({ request: z.string().min(1).max(256), passive: z.literal('1').optional() }) } }, async (req, reply) => {
    const target = await findAppById(deps.db, req.params.appId);
    const pending = target?.type === 'saml' ? await findPendingSamlRequest(deps.db, target.id, req.query.request) : undefined;
    if (!target || !pending) throw new AppError('saml.request_expired', 'This sign-in request was already answered or has expired. Start again from the application.');
    // passive=1 only ever makes the answer stricter (NoPassive rather than User Login).
    return answerSso(req, reply, deps, { app: target, settings: samlSettingsOf(target), acsUrl: pending.acsUrl, relayState: pending.relayState, requestId: pending.requestId, continuePath: req.url, isPassive: req.query.passive === '1', signedInAfter: pending.forceAuthn ? pending.createdAt : undefined, requireMfa: pending.requireMfa });
  });

  /** IdP-initiated, from the portal tile: to the SP's first registered ACS URL, no InResponseTo. */
  r.get('/saml/apps/:appId/launch', { config: { browserPage: true }, schema: { hide: true, params: appParams } }, async (req, reply) => {
    const target = await findAppById(deps.db, req.params.appId);
    if (!target || target.type !== 'saml') throw new AppError('app.not_found', 'No such application.');
    const settings = samlSettingsOf(target);
    return answerSso(req, reply, deps, { app: target, settings, acsUrl: settings.acsUrls[0], relayState: null, requestId: null, continuePath: `/saml/apps/${target.id}/launch` });
  });
}
