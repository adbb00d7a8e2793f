import { X509Certificate } from 'node:crypto';
import * as samlify from 'samlify';
import { AppError } from '../../errors.ts';
import type { SamlSpSettings } from '../../../../contract/saml-apps.ts';
import { NAME_ID_FORMATS } from '../../domain/saml/assertion-subject.ts';
import { parseXml } from './xml-guards.ts';

const METADATA = 'urn:oasis:names:tc:SAML:2.0:metadata';
const SOAP_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP';
const invalid = (message: string) => new AppError('saml.metadata_invalid', message);

/** A certificate as PEM, refused unless it parses and carries an RSA key (we verify RSA-SHA2 only). */
export function normalizeCertificate(text: string): string {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  try {
    if (new X509Certificate(pem).publicKey.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw invalid('The service provider certificate is not a valid RSA X.509 certificate.');
  }
  return pem;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => typeof s === 'string' && s.trim() !== '');

const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/**
 * Every HTTP-POST AssertionConsumerService with its index (SAML metadata §2.2.3), the default
 * first — isDefault="true", else the lowest index — since a request naming neither gets that one.
 */
function postAcsServices(doc: Document): { acsUrls: string[]; acsIndexes: number[] } {
  const sp = doc.getElementsByTagNameNS(METADATA, 'SPSSODescriptor')[0] as Element;
  const found = Array.from(sp.getElementsByTagNameNS(METADATA, 'AssertionConsumerService'))
    .filter((e) => e.getAttribute('Binding') === POST_BINDING && (e.getAttribute('Location') ?? '').trim() !== '')
    .map((e, position) => {
      const index = Number(e.getAttribute('index'));
      return { url: e.getAttribute('Location')!.trim(), index: Number.isInteger(index) && index >= 0 ? index : position, isDefault: e.getAttribute('isDefault') === 'true' };
    })
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.index - b.index);
  return { acsUrls: found.map((s) => s.url), acsIndexes: found.map((s) => s.index) };
}

/**
 * An SP's settings from its metadata (SAML metadata §2.4.4). The text is bounded by the API schema,
 * refused if it declares a DTD, parsed strictly, and must be one EntityDescriptor with one
 * SPSSODescriptor before samlify reads it.
 */
export function readSpMetadata(xml: string): Omit<SamlSpSettings, 'attributes' | 'wantResponseSigned'> {
  const doc = parseXml(xml, 'metadata', 'saml.metadata_invalid');
  const root = doc.documentElement as Element;
  if (root.namespaceURI !== METADATA || root.localName !== 'EntityDescriptor') throw invalid('The metadata must be one EntityDescriptor.');
  if (doc.getElementsByTagNameNS(METADATA, 'SPSSODescriptor').length !== 1) throw invalid('The metadata must describe exactly one service provider.');
  let meta;
  try {
    meta = samlify.SPMetadata(xml);
  } catch {
    throw invalid('The metadata could not be read.');
  }
  const entityId = meta.getEntityID();
  const { acsUrls, acsIndexes } = postAcsServices(doc);
  if (!entityId) throw invalid('The metadata names no entity ID.');
  if (acsUrls.length === 0) throw invalid('The metadata has no assertion consumer service for the HTTP-POST binding.');
  const certs = list(meta.getX509Certificate('signing') as string | string[] | undefined);
  const signsRequests = meta.isAuthnRequestSigned();
  if (signsRequests && certs.length === 0) throw invalid('The metadata says requests are signed but holds no signing certificate.');
  // LogoutResponses go back by HTTP-POST; an SP that lists only Redirect gets them at that address.
  const sloUrls = [...list(meta.getSingleLogoutService('post') as string | string[] | undefined), ...list(meta.getSingleLogoutService('redirect') as string | string[] | undefined)];
  // samlify knows no SOAP binding (asked for one, it answers every service): read from the document.
  const sp = doc.getElementsByTagNameNS(METADATA, 'SPSSODescriptor')[0] as Element;
  const services = sp.getElementsByTagNameNS(METADATA, 'SingleLogoutService');
  const soapSlo = Array.from({ length: services.length }, (_, i) => services.item(i)!)
    .find((e) => e.getAttribute('Binding') === SOAP_BINDING)
    ?.getAttribute('Location')
    ?.trim();
  const formats = meta.getNameIDFormat() ?? [];
  const nameIdFormat = formats.includes(NAME_ID_FORMATS.persistent) ? 'persistent' : formats.includes(NAME_ID_FORMATS.unspecified) && !formats.includes(NAME_ID_FORMATS.email) ? 'unspecified' : 'email';
  return {
    entityId,
    acsUrls,
    acsIndexes,
    nameIdFormat,
    // Signing the assertion is harmless for an SP that does not ask for it and needed by many that
    // forget to say so; the administrator can turn it off.
    wantAssertionsSigned: true,
    signsRequests,
    spCertificate: certs[0] ? normalizeCertificate(certs[0]) : null,
    sloUrl: sloUrls[0] ?? null,
    sloSoapUrl: soapSlo || null,
  };
}
