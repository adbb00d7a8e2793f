import * as samlify from 'samlify';
import type { SamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { NAME_ID_FORMATS } from '../../domain/saml/assertion-subject.ts';
import { POST_BINDING } from './read-sp-request.ts';
import './schema-validator.ts';

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/** The organization's IdP: one entity per organization, so each has its own key and metadata. */
export function idpUrls(publicUrl: string, orgSlug: string) {
  const entityId = `${publicUrl}/saml/${orgSlug}`;
  return { entityId, metadataUrl: `${entityId}/metadata`, ssoUrl: `${entityId}/sso`, sloUrl: `${entityId}/slo` };
}

type Idp = ReturnType<typeof samlify.IdentityProvider>;
/**
 * Built once per organization, key and process: building parses the key and renders metadata.
 * Bounded, oldest out.
 */
const idpCache = new Map<string, Idp>();
const IDP_CACHE_SIZE = 500;

export function buildIdp(publicUrl: string, orgSlug: string, key: SamlIdpKey): Idp {
  const cacheKey = `${publicUrl}|${orgSlug}|${key.kid}|${key.certificatePem}`;
  const hit = idpCache.get(cacheKey);
  if (hit) return hit;
  const idp = createIdp(publicUrl, orgSlug, key);
  if (idpCache.size >= IDP_CACHE_SIZE) idpCache.delete(idpCache.keys().next().value as string);
  idpCache.set(cacheKey, idp);
  return idp;
}

function createIdp(publicUrl: string, orgSlug: string, key: SamlIdpKey): Idp {
  const { entityId, ssoUrl, sloUrl } = idpUrls(publicUrl, orgSlug);
  return samlify.IdentityProvider({
    entityID: entityId,
    privateKey: key.privateKeyPem,
    signingCert: key.certificatePem,
    requestSignatureAlgorithm: RSA_SHA256,
    nameIDFormat: Object.values(NAME_ID_FORMATS),
    // Signed requests are a per-SP setting, enforced per SP; the metadata cannot say it per SP.
    wantAuthnRequestsSigned: false,
    singleSignOnService: [
      { Binding: REDIRECT_BINDING, Location: ssoUrl },
      { Binding: POST_BINDING, Location: ssoUrl },
    ],
    // Redirect only: a cross-site POST carries no SameSite=Lax session cookie, so the IdP could not
    // tell whose session to end.
    singleLogoutService: [{ Binding: REDIRECT_BINDING, Location: sloUrl }],
  });
}

/** The SP as samlify needs it to sign a response for it: where it goes, and what it wants signed. */
export function buildSp(settings: StoredSaml, acsUrl: string) {
  return samlify.ServiceProvider({
    entityID: settings.entityId,
    assertionConsumerService: [{ Binding: POST_BINDING, Location: acsUrl }],
    wantAssertionsSigned: settings.wantAssertionsSigned,
    wantMessageSigned: settings.wantResponseSigned,
  });
}

/** The SP as samlify needs it to sign a LogoutRequest or LogoutResponse for it (HTTP-POST to its SLO URL). */
export function buildSloSp(settings: StoredSaml, sloUrl: string) {
  return samlify.ServiceProvider({
    entityID: settings.entityId,
    singleLogoutService: [{ Binding: POST_BINDING, Location: sloUrl }],
    wantLogoutRequestSigned: true,
    wantLogoutResponseSigned: true,
  });
}
