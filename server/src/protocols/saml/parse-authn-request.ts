import { AppError } from '../../errors.ts';
import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { invalid, POST_BINDING, readSpRequest, type InboundMessage } from './read-sp-request.ts';
import { NAME_ID_FORMATS } from '../../domain/saml/assertion-subject.ts';
import { MFA_CLASS, PASSWORD_CLASS } from './issue-response.ts';

export type AuthnRequest = {
  app: AppRow;
  settings: StoredSaml;
  requestId: string;
  acsUrl: string;
  relayState: string | null;
  isPassive: boolean;
  forceAuthn: boolean;
  /** RequestedAuthnContext asks for multi-factor authentication. */
  requireMfa: boolean;
  /** NameIDPolicy's Format, when it names one the application does not send (answered InvalidNameIDPolicy). */
  unsupportedNameIdFormat: string | null;
};

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * SAML core §3.3.2.2.1: the classes the SP accepts. Tessera answers with PasswordProtectedTransport
 * or, once a second factor was presented, the REFEDS MFA profile: asking for MFA (exactly, as a
 * minimum, or anything better than a password) means a step-up first. "maximum" never does.
 */
function requestsMfa(root: Element): boolean {
  const requested = root.getElementsByTagNameNS(PROTOCOL_NS, 'RequestedAuthnContext')[0];
  if (!requested) return false;
  const comparison = requested.getAttribute('Comparison') || 'exact';
  if (comparison === 'maximum') return false;
  const classes = Array.from(requested.getElementsByTagNameNS(ASSERTION_NS, 'AuthnContextClassRef')).map((e) => (e.textContent ?? '').trim());
  if (comparison === 'better') return classes.includes(PASSWORD_CLASS) || classes.includes(MFA_CLASS);
  return classes.includes(MFA_CLASS);
}

/** SAML core §3.4.1.1: a Format the SP insists on; unspecified (or none) leaves it to us. */
function unsupportedNameIdFormat(root: Element, settings: StoredSaml): string | null {
  const format = root.getElementsByTagNameNS(PROTOCOL_NS, 'NameIDPolicy')[0]?.getAttribute('Format');
  if (!format || format === NAME_ID_FORMATS.unspecified || format === NAME_ID_FORMATS[settings.nameIdFormat]) return null;
  return format;
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
    // By the metadata's own index when it gave them, else by position (URLs entered by hand).
    const indexes = settings.acsIndexes?.length === settings.acsUrls.length ? settings.acsIndexes : settings.acsUrls.map((_, i) => i);
    const at = /^\d{1,5}$/.test(index) ? indexes.indexOf(Number(index)) : -1;
    const chosen = at >= 0 ? settings.acsUrls[at] : undefined;
    if (!chosen) throw new AppError('saml.acs_url_not_registered', 'The assertion consumer service index is not registered for this application.');
    return chosen;
  }
  return settings.acsUrls[0];
}

/** An AuthnRequest (SAML core §3.4.1): the shared gate (read-sp-request.ts), then the ACS URL. */
export async function parseAuthnRequest(db: Queryable, orgId: string, ssoUrl: string, msg: InboundMessage, now = new Date()): Promise<AuthnRequest> {
  const { root, ...request } = await readSpRequest(db, orgId, ssoUrl, msg, 'AuthnRequest', now);
  return {
    ...request,
    acsUrl: resolveAcsUrl(root, request.settings),
    isPassive: root.getAttribute('IsPassive') === 'true',
    forceAuthn: root.getAttribute('ForceAuthn') === 'true',
    requireMfa: requestsMfa(root),
    unsupportedNameIdFormat: unsupportedNameIdFormat(root, request.settings),
  };
}
