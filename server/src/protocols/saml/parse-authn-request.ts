import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import { findSamlAppByEntityId, samlSettingsOf, type StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { isSchemaValid } from './schema-validator.ts';
import { decodePostMessage, decodeRedirectMessage, parseXml } from './xml-guards.ts';
import { verifyEnvelopedSignature, verifyRedirectSignature } from './request-signature.ts';

export const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** How old (or how far ahead, for clock skew) an AuthnRequest's IssueInstant may be. */
const MAX_REQUEST_AGE_MS = 10 * 60_000;
const MAX_CLOCK_SKEW_MS = 3 * 60_000;
/** SAML bindings §3.4.3 says 80 bytes; some SPs send more, none legitimately send this much. */
export const MAX_RELAY_STATE = 1024;

export type InboundMessage =
  | { binding: 'redirect'; samlRequest: string; relayState?: string; rawQuery: string }
  | { binding: 'post'; samlRequest: string; relayState?: string };

export type AuthnRequest = { app: AppRow; settings: StoredSaml; requestId: string; acsUrl: string; relayState: string | null; isPassive: boolean; forceAuthn: boolean };

export const invalid = (message: string) => new AppError('saml.request_invalid', message);

export function issuerOf(root: Element): string {
  const issuers = Array.from(root.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ASSERTION && (n as Element).localName === 'Issuer');
  const issuer = issuers[0]?.textContent?.trim();
  if (issuers.length !== 1 || !issuer) throw invalid('The SAML request names no issuer.');
  return issuer;
}

export function checkIssueInstant(root: Element, now: Date): void {
  const instant = Date.parse(root.getAttribute('IssueInstant') ?? '');
  if (Number.isNaN(instant)) throw invalid('The SAML request has no valid IssueInstant.');
  if (instant < now.getTime() - MAX_REQUEST_AGE_MS || instant > now.getTime() + MAX_CLOCK_SKEW_MS) throw new AppError('saml.request_expired', 'The SAML request is too old or from the future. Start again from the application.');
}

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

/**
 * Everything an AuthnRequest must pass before the IdP acts on it, in order: bounded decoding, no
 * DTD, XSD validation, the SP found by its Issuer in this organization, its signature when it
 * signs, freshness, Destination, and the ACS URL.
 */
export async function parseAuthnRequest(db: Queryable, orgId: string, ssoUrl: string, msg: InboundMessage, now = new Date()): Promise<AuthnRequest> {
  const xml = msg.binding === 'redirect' ? decodeRedirectMessage(msg.samlRequest) : decodePostMessage(msg.samlRequest);
  const doc = parseXml(xml, 'SAML request');
  if (!(await isSchemaValid(xml))) throw invalid('The SAML request does not follow the SAML 2.0 schema.');
  const root = doc.documentElement as Element;
  if (root.namespaceURI !== PROTOCOL || root.localName !== 'AuthnRequest') throw invalid('Only AuthnRequest messages are accepted here.');

  const app = await findSamlAppByEntityId(db, orgId, issuerOf(root));
  if (!app) throw new AppError('saml.unknown_sp', 'This service provider is not registered with this organization.');
  const settings = samlSettingsOf(app);
  if (settings.signsRequests) {
    const cert = settings.spCertificate ?? '';
    if (msg.binding === 'redirect') verifyRedirectSignature(msg.rawQuery, cert);
    else verifyEnvelopedSignature(xml, doc, cert);
  }
  checkIssueInstant(root, now);
  const destination = root.getAttribute('Destination');
  if (destination && destination !== ssoUrl) throw invalid('The SAML request was meant for another destination.');
  const relayState = msg.relayState ?? null;
  if (relayState !== null && relayState.length > MAX_RELAY_STATE) throw invalid('The RelayState is too long.');
  return { app, settings, requestId: root.getAttribute('ID') ?? '', acsUrl: resolveAcsUrl(root, settings), relayState, isPassive: root.getAttribute('IsPassive') === 'true', forceAuthn: root.getAttribute('ForceAuthn') === 'true' };
}
