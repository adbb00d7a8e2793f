import { randomBytes } from 'node:crypto';
import type { SamlSubject } from '../../domain/saml/assertion-subject.ts';

/** Every value that enters the XML is escaped as text or attribute content (no injection). */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** XML IDs are NCNames: a leading underscore, then 160 random bits. */
export const newSamlId = () => `_${randomBytes(20).toString('hex')}`;

/** A response lives long enough to cross a slow browser post, not longer; small skew either way. */
const VALID_FOR_MS = 5 * 60_000;
const SKEW_MS = 60_000;

export type ResponseFields = {
  responseId: string;
  assertionId: string;
  issuer: string;
  destination: string;
  audience: string;
  inResponseTo: string | null;
  subject: SamlSubject;
  sessionIndex: string;
  authnInstant: Date;
  authnContextClass: string;
  now: Date;
};

function attributeStatement(attributes: SamlSubject['attributes']): string {
  if (attributes.length === 0) return '';
  const items = attributes.map((a) => {
    const format = a.name.includes(':') ? 'uri' : 'basic';
    const values = a.values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`).join('');
    return `<saml:Attribute Name="${escapeXml(a.name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:${format}">${values}</saml:Attribute>`;
  });
  return `<saml:AttributeStatement>${items.join('')}</saml:AttributeStatement>`;
}

/** The unsigned Response (SAML core §3.3.3) with one bearer Assertion (SAML profiles §4.1.4.2). */
export function renderResponse(f: ResponseFields): string {
  const t = (ms: number) => new Date(f.now.getTime() + ms).toISOString();
  const inResponseTo = f.inResponseTo ? ` InResponseTo="${escapeXml(f.inResponseTo)}"` : '';
  const issuer = `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>`;
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${f.responseId}" Version="2.0" IssueInstant="${t(0)}" Destination="${escapeXml(f.destination)}"${inResponseTo}>` +
    issuer +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${f.assertionId}" Version="2.0" IssueInstant="${t(0)}">` +
    issuer +
    `<saml:Subject><saml:NameID Format="${escapeXml(f.subject.nameIdFormat)}">${escapeXml(f.subject.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${t(VALID_FOR_MS)}" Recipient="${escapeXml(f.destination)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${t(-SKEW_MS)}" NotOnOrAfter="${t(VALID_FOR_MS)}"><saml:AudienceRestriction><saml:Audience>${escapeXml(f.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${f.authnInstant.toISOString()}" SessionIndex="${f.sessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>${f.authnContextClass}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeStatement(f.subject.attributes) +
    `</saml:Assertion></samlp:Response>`
  );
}

/** Second-level status codes (SAML core §3.2.2.2) under Responder: the IdP will not answer as asked. */
export type ResponderStatus = 'NoPassive' | 'RequestDenied' | 'InvalidNameIDPolicy' | 'NoAuthnContext';
export type StatusFields = { responseId: string; issuer: string; destination: string; inResponseTo: string; now: Date; status: ResponderStatus };

/** A Response that carries only a status (SAML core §3.2.2.2), e.g. Responder/NoPassive. */
export function renderStatusResponse(f: StatusFields): string {
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${f.responseId}" Version="2.0" IssueInstant="${f.now.toISOString()}" Destination="${escapeXml(f.destination)}" InResponseTo="${escapeXml(f.inResponseTo)}">` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${f.status}"/></samlp:StatusCode></samlp:Status>` +
    `</samlp:Response>`
  );
}

export type LogoutResponseFields = { responseId: string; issuer: string; destination: string; inResponseTo: string; now: Date };

/** SAML core §3.7.2: the answer to a LogoutRequest. Success: this browser is signed out of Tessera. */
export function renderLogoutResponse(f: LogoutResponseFields): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${f.responseId}" Version="2.0" IssueInstant="${f.now.toISOString()}" Destination="${escapeXml(f.destination)}" InResponseTo="${escapeXml(f.inResponseTo)}">` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `</samlp:LogoutResponse>`
  );
}

export type LogoutRequestFields = { requestId: string; issuer: string; destination: string; nameId: string; nameIdFormat: string; sessionIndex: string; now: Date };

/** SAML core §3.7.1: the IdP asks an SP to end the session it started with this NameID and SessionIndex. */
export function renderLogoutRequest(f: LogoutRequestFields): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${f.requestId}" Version="2.0" IssueInstant="${f.now.toISOString()}" Destination="${escapeXml(f.destination)}">` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<saml:NameID Format="${escapeXml(f.nameIdFormat)}">${escapeXml(f.nameId)}</saml:NameID>` +
    `<samlp:SessionIndex>${escapeXml(f.sessionIndex)}</samlp:SessionIndex>` +
    `</samlp:LogoutRequest>`
  );
}
