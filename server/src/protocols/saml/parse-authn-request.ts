import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { invalid, POST_BINDING, readSpRequest, type InboundMessage } from './read-sp-request.ts';

export type AuthnRequest = { app: AppRow; settings: StoredSaml; requestId: string; acsUrl: string; relayState: string | null; isPassive: boolean; forceAuthn: boolean };

/** SAML core §3.4.1: the ACS by URL or by index, and only ever one the SP registered with us. */
function resolveAcsUrl(root: Element, settings: StoredSaml): string {
  const binding = root.getAttribute('ProtocolBinding');
  if (binding && binding !== POST_BINDING) throw invalid('Only the HTTP-POST binding is supported for responses.');
  const url = root.getAttribute('AssertionConsumerServiceURL');
  const index = root.getAttribute('AssertionConsumerServiceIndex');
  if (url) {
    if (!settings.acsUrls.includes(url)) throw new AppError('saml.acs_url_not_registered', 'The assertion consumer service URL is not registered for this application.');
    return url;
  }
  if (index) {
    const chosen = /^\d{1,2}$/.test(index) ? settings.acsUrls[Number(index)] : undefined;
    if (!chosen) throw new AppError('saml.acs_url_not_registered', 'The assertion consumer service index is not registered for this application.');
    return chosen;
  }
  return settings.acsUrls[0];
}

/** An AuthnRequest (SAML core §3.4.1): the shared gate (read-sp-request.ts), then the ACS URL. */
export async function parseAuthnRequest(db: Queryable, orgId: string, ssoUrl: string, msg: InboundMessage, now = new Date()): Promise<AuthnRequest> {
  const { root, ...request } = await readSpRequest(db, orgId, ssoUrl, msg, 'AuthnRequest', now);
  return { ...request, acsUrl: resolveAcsUrl(root, request.settings), isPassive: root.getAttribute('IsPassive') === 'true', forceAuthn: root.getAttribute('ForceAuthn') === 'true' };
}
