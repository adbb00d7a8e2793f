import { recordAudit } from '../../domain/audit/record-audit.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { nameIdOf, sessionIndexOf } from '../../domain/saml/assertion-subject.ts';
import { samlSettingsOf } from '../../domain/saml/saml-app-store.ts';
import { takeEndedSamlSignIns, type EndedSamlSignIn } from '../../domain/saml/saml-session-apps.ts';
import { onSignedOut } from '../../domain/sessions/signed-out.ts';
import { findUserById } from '../../domain/users/user-store.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { fetchOutbound, outboundFailureReason } from '../outbound/fetch-outbound.ts';
import { newSamlId } from './render-response.ts';
import { signLogoutRequest } from './sign-logout-request.ts';
import { childElements, parseXml } from './xml-guards.ts';

const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
/** Whoever ended the session, the notice comes from Tessera itself. */
const BY = { ip: '', userAgent: 'saml back-channel logout' };
/** A sweep also runs this often: sessions can end through doors that announce nothing (password change). */
const SWEEP_MS = 60_000;
const CALL = { timeoutMs: 5_000, maxBytes: 64 * 1024 };

/**
 * IdP-initiated single logout over the back channel (SAML bindings §3.2, SOAP): when a Tessera
 * session ends, by whatever door — Log out, a sign-out from the Security page or by an
 * administrator, a password change, expiry — every SAML application it signed the person into
 * that has a SOAP logout URL is sent a signed LogoutRequest, server to server. The person's own
 * browser plays no part, so these applications are left out of the front-channel chain
 * (logout-chain.ts). The session is over already: the answer only decides what the audit says.
 */
export function startSamlBackChannelLogout(deps: HttpDeps): { stop(): Promise<void> } {
  // What to look at next: ended sessions by id, or everything (null). One sweep runs at a time.
  const pending = new Set<string | null>();
  let sweeping: Promise<void> | undefined;
  let stopped = false;
  const sweep = (target: string | null): Promise<void> => {
    if (stopped) return Promise.resolve();
    pending.add(target);
    sweeping ??= (async () => {
      for (let next = first(pending); next !== undefined; next = first(pending)) {
        pending.delete(next);
        try {
          // One application that cannot be told does not keep the others from hearing.
          for (const ended of await takeEndedSamlSignIns(deps.db, next ?? undefined)) await tell(deps, ended).catch(() => {});
        } catch {
          // A sweep that could not read leaves the rows for the next one.
        }
      }
    })().finally(() => {
      sweeping = undefined;
      // Asked for between the last look and now.
      const left = first(pending);
      if (left !== undefined) void sweep(left);
    });
    return sweeping;
  };
  // After the sign-out answers: telling applications is slower than the sign-out itself.
  const stopListening = onSignedOut(async (ended) => void setImmediate(() => void sweep(ended.sessionId)));
  const timer = setInterval(() => void sweep(null), SWEEP_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      stopListening();
      clearInterval(timer);
      await sweeping;
    },
  };
}

const first = <T>(set: Set<T>): T | undefined => set.values().next().value;

async function tell(deps: HttpDeps, ended: EndedSamlSignIn): Promise<void> {
  const settings = samlSettingsOf(ended.app);
  if (!settings.sloSoapUrl) return;
  const [user, org] = await Promise.all([findUserById(deps.db, ended.userId), findOrgById(deps.db, ended.app.orgId)]);
  if (!user || !org) return;
  const requestId = newSamlId();
  // The POST binding's enveloped signature is the one a SOAP body carries (bindings §3.2.2.1).
  const signed = await signLogoutRequest(deps, org, settings, {
    requestId,
    destination: settings.sloSoapUrl,
    nameId: nameIdOf(deps.masterKey, ended.app, settings, user),
    sessionIndex: sessionIndexOf(ended.sessionId, ended.app.id),
    relayState: '',
  });
  const envelope = `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE}"><soap:Body>${Buffer.from(signed, 'base64').toString('utf8')}</soap:Body></soap:Envelope>`;
  let reason: string | undefined;
  try {
    const answer = await fetchOutbound(settings.sloSoapUrl, {
      ...CALL,
      accept: 'text/xml',
      allow: deps.config.outboundAllow,
      post: { contentType: 'text/xml; charset=utf-8', body: envelope, headers: { soapaction: 'http://www.oasis-open.org/committees/security' } },
    });
    reason = refusal(answer.body, requestId, settings.entityId);
  } catch (err) {
    reason = outboundFailureReason(err);
  }
  await recordAudit(deps.db, { ...BY, actorUserId: null }, {
    event: 'saml.logout',
    outcome: reason ? 'failure' : 'success',
    orgId: ended.app.orgId,
    targetUserId: user.id,
    details: { appId: ended.app.id, initiated: 'idp', binding: 'soap', requestId, ...(reason ? { reason } : {}) },
  });
}

/**
 * Why the SP's SOAP answer is not "logged out": undefined when it is a LogoutResponse from that SP,
 * to this request, with status Success. Over TLS to the address the administrator gave, the
 * channel vouches for who answered (bindings §3.2.2.2), so no signature is required of it.
 */
function refusal(body: string, requestId: string, spEntityId: string): string | undefined {
  let doc: Document;
  try {
    doc = parseXml(body, 'SOAP answer');
  } catch {
    return 'malformed';
  }
  const root = doc.documentElement as Element;
  const soapBody = root.namespaceURI === SOAP_ENVELOPE && root.localName === 'Envelope' ? childElements(root, SOAP_ENVELOPE, 'Body')[0] : undefined;
  const response = soapBody && childElements(soapBody, PROTOCOL, 'LogoutResponse')[0];
  if (!response) return 'not_a_logout_response';
  if (response.getAttribute('InResponseTo') !== requestId) return 'unexpected_response';
  if (childElements(response, ASSERTION, 'Issuer')[0]?.textContent?.trim() !== spEntityId) return 'wrong_issuer';
  const status = childElements(response, PROTOCOL, 'Status')[0];
  const code = status && childElements(status, PROTOCOL, 'StatusCode')[0]?.getAttribute('Value');
  return code === SUCCESS ? undefined : 'not_logged_out';
}
