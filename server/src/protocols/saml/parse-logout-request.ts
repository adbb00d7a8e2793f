import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import { findSamlAppByEntityId, samlSettingsOf, type StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { isSchemaValid } from './schema-validator.ts';
import { decodePostMessage, decodeRedirectMessage, parseXml } from './xml-guards.ts';
import { verifyEnvelopedSignature, verifyRedirectSignature } from './request-signature.ts';
import { ASSERTION, checkIssueInstant, invalid, issuerOf, MAX_RELAY_STATE, PROTOCOL, type InboundMessage } from './parse-authn-request.ts';

export type LogoutRequest = { app: AppRow; settings: StoredSaml; requestId: string; nameId: string; sessionIndexes: string[]; relayState: string | null };

const children = (el: Element, ns: string, name: string) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);

/**
 * A LogoutRequest (SAML core §3.7.1) passes the same gate as an AuthnRequest: bounded decoding,
 * no DTD, XSD validation, a registered SP by its Issuer, its signature when it signs (SAML profiles
 * §4.4.4.1 wants logout messages authenticated), freshness and Destination.
 */
export async function parseLogoutRequest(db: Queryable, orgId: string, sloUrl: string, msg: InboundMessage, now = new Date()): Promise<LogoutRequest> {
  const xml = msg.binding === 'redirect' ? decodeRedirectMessage(msg.samlRequest) : decodePostMessage(msg.samlRequest);
  const doc = parseXml(xml, 'SAML request');
  if (!(await isSchemaValid(xml))) throw invalid('The SAML request does not follow the SAML 2.0 schema.');
  const root = doc.documentElement as Element;
  if (root.namespaceURI !== PROTOCOL || root.localName !== 'LogoutRequest') throw invalid('Only LogoutRequest messages are accepted here.');

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
  if (destination && destination !== sloUrl) throw invalid('The SAML request was meant for another destination.');
  const nameIds = children(root, ASSERTION, 'NameID');
  const nameId = nameIds[0]?.textContent?.trim();
  if (nameIds.length !== 1 || !nameId) throw invalid('The logout request names nobody.');
  const relayState = msg.relayState ?? null;
  if (relayState !== null && relayState.length > MAX_RELAY_STATE) throw invalid('The RelayState is too long.');
  const sessionIndexes = children(root, PROTOCOL, 'SessionIndex').map((e) => e.textContent?.trim() ?? '');
  return { app, settings, requestId: root.getAttribute('ID') ?? '', nameId, sessionIndexes, relayState };
}
