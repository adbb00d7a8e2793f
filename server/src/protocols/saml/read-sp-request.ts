import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import { findSamlAppByEntityId, samlSettingsOf, type StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { isSchemaValid } from './schema-validator.ts';
import { childElements, decodePostMessage, decodeRedirectMessage, parseXml } from './xml-guards.ts';
import { verifyEnvelopedSignature, verifyRedirectSignature } from './request-signature.ts';

export const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** How old (or how far ahead, for clock skew) a request's IssueInstant may be. */
const MAX_REQUEST_AGE_MS = 10 * 60_000;
const MAX_CLOCK_SKEW_MS = 3 * 60_000;
/** SAML bindings §3.4.3 says 80 bytes; some SPs send more, none legitimately send this much. */
const MAX_RELAY_STATE = 1024;

/** A message from an SP as its binding carried it: `encoded` is its SAMLRequest (or SAMLResponse) value. */
export type InboundMessage =
  | { binding: 'redirect'; encoded: string; relayState?: string; rawQuery: string }
  | { binding: 'post'; encoded: string; relayState?: string };

export const invalid = (message: string) => new AppError('saml.request_invalid', message);

function issuerOf(root: Element): string {
  const issuers = childElements(root, ASSERTION, 'Issuer');
  const issuer = issuers[0]?.textContent?.trim();
  if (issuers.length !== 1 || !issuer) throw invalid('The SAML request names no issuer.');
  return issuer;
}

function checkIssueInstant(root: Element, now: Date): void {
  const instant = Date.parse(root.getAttribute('IssueInstant') ?? '');
  if (Number.isNaN(instant)) throw invalid('The SAML request has no valid IssueInstant.');
  if (instant < now.getTime() - MAX_REQUEST_AGE_MS || instant > now.getTime() + MAX_CLOCK_SKEW_MS) throw new AppError('saml.request_expired', 'The SAML request is too old or from the future. Start again from the application.');
}

/** What every request from an SP shares once it passed the gate. */
/** As long as the continue link and the stored request take (sso-routes.ts). */
const MAX_REQUEST_ID = 256;

export type SpRequest = { root: Element; app: AppRow; settings: StoredSaml; requestId: string; relayState: string | null };

/**
 * The gate every request from an SP passes before the IdP acts on it, in order: bounded decoding,
 * no DTD, XSD validation, the expected message, the SP found by its Issuer in this organization,
 * its signature when it signs, freshness, Destination (this endpoint), and a bounded RelayState.
 */
export async function readSpRequest(db: Queryable, orgId: string, endpointUrl: string, msg: InboundMessage, element: 'AuthnRequest' | 'LogoutRequest' | 'LogoutResponse', now: Date): Promise<SpRequest> {
  const xml = msg.binding === 'redirect' ? decodeRedirectMessage(msg.encoded) : decodePostMessage(msg.encoded);
  const doc = parseXml(xml, 'SAML request');
  if (!(await isSchemaValid(xml))) throw invalid('The SAML request does not follow the SAML 2.0 schema.');
  const root = doc.documentElement as Element;
  if (root.namespaceURI !== PROTOCOL || root.localName !== element) throw invalid(`Only ${element} messages are accepted here.`);

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
  if (destination && destination !== endpointUrl) throw invalid('The SAML request was meant for another destination.');
  const relayState = msg.relayState ?? null;
  if (relayState !== null && relayState.length > MAX_RELAY_STATE) throw invalid('The RelayState is too long.');
  // Kept and echoed (InResponseTo, the continue link): an ID longer than we keep is refused here, not later.
  const requestId = root.getAttribute('ID') ?? '';
  if (requestId.length > MAX_REQUEST_ID) throw invalid('The SAML request ID is too long.');
  return { root, app, settings, requestId, relayState };
}
