import type { FastifyReply } from 'fastify';
import type { AppRow } from '../../domain/apps/app-store.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import { samlSettingsOf } from '../../domain/saml/saml-app-store.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { sendAutoPost } from './auto-post-page.ts';
import { newSamlId, renderLogoutResponse } from './render-response.ts';
import { buildIdp, buildSloSp, idpUrls } from './saml-entities.ts';

/** The signed LogoutResponse (Success) to the SP's SLO URL, by HTTP-POST. */
export async function sendLogoutResponse(reply: FastifyReply, deps: HttpDeps, orgSlug: string, app: AppRow, answering: { requestId: string; relayState: string | null }) {
  const settings = samlSettingsOf(app);
  if (!settings.sloUrl) return reply.redirect('/login', 303);
  const key = await ensureSamlIdpKey(deps.db, deps.masterKey, app.orgId);
  const idp = buildIdp(deps.config.publicUrl, orgSlug, key);
  const responseId = newSamlId();
  const xml = renderLogoutResponse({ responseId, issuer: idpUrls(deps.config.publicUrl, orgSlug).entityId, destination: settings.sloUrl, inResponseTo: answering.requestId, now: new Date() });
  const signed = idp.createLogoutResponse(buildSloSp(settings, settings.sloUrl), { extract: { request: { id: answering.requestId } } }, 'post', answering.relayState ?? '', () => ({ id: responseId, context: xml }));
  return sendAutoPost(reply, settings.sloUrl, { SAMLResponse: signed.context, RelayState: answering.relayState }, 'sign-out');
}
