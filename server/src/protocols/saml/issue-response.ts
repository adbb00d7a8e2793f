import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { MasterKey } from '../../domain/secrets/master-key.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import { buildSamlSubject, sessionIndexOf } from '../../domain/saml/assertion-subject.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { buildIdp, buildSp, idpUrls } from './saml-entities.ts';
import { newSamlId, renderResponse, renderStatusResponse, type ResponderStatus } from './render-response.ts';

export type IssueInput = {
  publicUrl: string;
  orgSlug: string;
  app: AppRow;
  settings: StoredSaml;
  user: User;
  session: Session;
  acsUrl: string;
  /** The AuthnRequest's ID; null for an IdP-initiated sign-in. */
  inResponseTo: string | null;
};

export type IssuedResponse = { acsUrl: string; samlResponse: string; responseId: string; nameIdFormat: string };

export const PASSWORD_CLASS = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const UNSPECIFIED_CLASS = 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified';
/** The REFEDS MFA profile: how service providers (Shibboleth, SimpleSAMLphp, many SaaS) learn a second factor was presented. */
export const MFA_CLASS = 'https://refeds.org/profile/mfa';

/** How and when the person last proved who they are: a step-up counts, so the SP sees the second factor. */
export function authnContextOf(session: Pick<IssueInput['session'], 'amr' | 'authTime' | 'mfaAt'>): { instant: Date; classRef: string } {
  const instant = session.mfaAt && session.mfaAt > session.authTime ? session.mfaAt : session.authTime;
  const classRef = session.mfaAt ? MFA_CLASS : session.amr.includes('pwd') ? PASSWORD_CLASS : UNSPECIFIED_CLASS;
  return { instant, classRef };
}

/**
 * A signed SAMLResponse for the HTTP-POST binding. samlify signs it (RSA-SHA256, exclusive c14n):
 * the assertion when the SP wants signed assertions, the response when it wants that or when
 * the assertion is not signed — something is always signed.
 */
export async function issueSamlResponse(db: Queryable, masterKey: MasterKey, input: IssueInput, now = new Date()): Promise<IssuedResponse> {
  const key = await ensureSamlIdpKey(db, masterKey, input.app.orgId);
  const idp = buildIdp(input.publicUrl, input.orgSlug, key);
  const sp = buildSp(input.settings, input.acsUrl);
  const subject = await buildSamlSubject(db, masterKey, input.app, input.settings, input.user);
  const responseId = newSamlId();
  const authn = authnContextOf(input.session);
  const xml = renderResponse({
    responseId,
    assertionId: newSamlId(),
    issuer: idpUrls(input.publicUrl, input.orgSlug).entityId,
    destination: input.acsUrl,
    audience: input.settings.entityId,
    inResponseTo: input.inResponseTo,
    subject,
    sessionIndex: sessionIndexOf(input.session.id, input.app.id),
    authnInstant: authn.instant,
    authnContextClass: authn.classRef,
    now,
  });
  const result = await idp.createLoginResponse(sp, { extract: {} }, 'post', {}, { customTagReplacement: () => ({ id: responseId, context: xml }) });
  return { acsUrl: input.acsUrl, samlResponse: result.context, responseId, nameIdFormat: input.settings.nameIdFormat };
}

/**
 * A signed Response with a status and no assertion: Responder/NoPassive when an IsPassive request
 * would need the person to sign in or step up (SAML core §3.4.1), RequestDenied when they may not
 * use the application, InvalidNameIDPolicy for a NameID format the application does not use.
 */
export async function issueStatusResponse(db: Queryable, masterKey: MasterKey, input: Omit<IssueInput, 'user' | 'session' | 'inResponseTo'> & { inResponseTo: string; status: ResponderStatus }, now = new Date()): Promise<IssuedResponse> {
  const key = await ensureSamlIdpKey(db, masterKey, input.app.orgId);
  const idp = buildIdp(input.publicUrl, input.orgSlug, key);
  // No assertion to sign: the response itself is signed.
  const sp = buildSp({ ...input.settings, wantAssertionsSigned: false, wantResponseSigned: true }, input.acsUrl);
  const responseId = newSamlId();
  const xml = renderStatusResponse({ responseId, issuer: idpUrls(input.publicUrl, input.orgSlug).entityId, destination: input.acsUrl, inResponseTo: input.inResponseTo, now, status: input.status });
  const result = await idp.createLoginResponse(sp, { extract: {} }, 'post', {}, { customTagReplacement: () => ({ id: responseId, context: xml }) });
  return { acsUrl: input.acsUrl, samlResponse: result.context, responseId, nameIdFormat: input.settings.nameIdFormat };
}
