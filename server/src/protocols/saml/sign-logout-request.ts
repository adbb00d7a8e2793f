import type { Org } from '../../domain/orgs/org-store.ts';
import { NAME_ID_FORMATS } from '../../domain/saml/assertion-subject.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { renderLogoutRequest } from './render-response.ts';
import { buildIdp, buildSloSp, idpUrls } from './saml-entities.ts';

/**
 * The organization's IdP's LogoutRequest to an SP, signed enveloped (RSA-SHA256) as the HTTP-POST
 * binding carries it, base64: the browser's chain posts it as is (logout-chain.ts), the back channel
 * puts the decoded XML in a SOAP body (back-channel-logout.ts).
 */
export async function signLogoutRequest(
  deps: HttpDeps,
  org: Pick<Org, 'id' | 'slug'>,
  settings: StoredSaml,
  request: { requestId: string; destination: string; nameId: string; sessionIndex: string; relayState: string },
): Promise<string> {
  const idp = buildIdp(deps.config.publicUrl, org.slug, await ensureSamlIdpKey(deps.db, deps.masterKey, org.id));
  const xml = renderLogoutRequest({
    requestId: request.requestId,
    issuer: idpUrls(deps.config.publicUrl, org.slug).entityId,
    destination: request.destination,
    nameId: request.nameId,
    nameIdFormat: NAME_ID_FORMATS[settings.nameIdFormat],
    sessionIndex: request.sessionIndex,
    now: new Date(),
  });
  return idp.createLogoutRequest(buildSloSp(settings, request.destination), 'post', {}, request.relayState, () => ({ id: request.requestId, context: xml })).context;
}
