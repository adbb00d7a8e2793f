import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/node-saml';

export type TestSp = {
  /** http://127.0.0.1:port — its own origin, apart from Tessera's localhost one. */
  origin: string;
  entityId: string;
  acsUrl: string;
  /** Where the SP publishes its metadata, as real SPs do (for "import from the metadata address"). */
  metadataUrl: string;
  /** Where it takes LogoutResponses (its SingleLogoutService). */
  sloUrl: string;
  /** Where it takes LogoutRequests over the back channel (SOAP binding), server to server. */
  soapSloUrl: string;
  /** Points the SP at the organization's IdP (its SSO and SLO URLs, entity ID and signing certificate). */
  useIdp(idp: { ssoUrl: string; sloUrl?: string; entityId: string; certificate: string }): void;
  close(): Promise<void>;
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

/**
 * A tiny SAML service provider on loopback, as a real application would be (node-saml): `/` sends
 * the browser to the IdP with an AuthnRequest (HTTP-Redirect), `/post-login` posts one (HTTP-POST); `/acs` validates the posted
 * SAMLResponse (signature, audience, times, InResponseTo when present) and shows who signed in;
 * `/logout` starts single logout for the last person signed in (HTTP-Redirect LogoutRequest) and
 * `/slo` validates the IdP's LogoutResponse, or its LogoutRequest (then answers it by redirect);
 * `/slo/soap` validates a LogoutRequest sent over the back channel and answers it in SOAP;
 * `/status` says whether someone is signed in, changing nothing;
 * `/metadata` publishes its SP metadata.
 */
export async function startTestSp(): Promise<TestSp> {
  let saml: SAML | undefined;
  let lastProfile: Profile | undefined;
  const server = http.createServer(async (req, res) => {
    const send = (status: number, html: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    };
    try {
      if (!saml) throw new Error('test SP: useIdp() first');
      const url = new URL(req.url ?? '/', origin);
      if (req.method === 'GET' && url.pathname === '/') {
        return send(302, '', { location: await saml.getAuthorizeUrlAsync('from-sp-home', undefined, {}) });
      }
      if (req.method === 'GET' && url.pathname === '/post-login') {
        // The HTTP-POST binding: a page on the SP's origin that posts the AuthnRequest to the IdP.
        return send(200, await saml.getAuthorizeFormAsync('from-sp-post'));
      }
      if (req.method === 'GET' && url.pathname === '/metadata') {
        return send(200, saml.generateServiceProviderMetadata(null), { 'content-type': 'application/samlmetadata+xml' });
      }
      if (req.method === 'POST' && url.pathname === '/acs') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = Object.fromEntries(new URLSearchParams(body));
        const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse ?? '' });
        lastProfile = profile ?? undefined;
        const shown = { nameID: profile?.nameID ?? '', relayState: form.RelayState ?? '', ...Object.fromEntries(Object.entries(profile?.attributes ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])) };
        const list = Object.entries(shown)
          .map(([k, v]) => `<dt>${escape(k)}</dt><dd data-attr="${escape(k)}">${escape(v)}</dd>`)
          .join('');
        return send(200, page('Signed in to the SAML test app', `<dl>${list}</dl>`));
      }
      if (req.method === 'GET' && url.pathname === '/status') {
        return send(200, lastProfile ? page('Someone is signed in here', `<p>${escape(lastProfile.nameID)}</p>`) : page('Nobody is signed in here', ''));
      }
      if (req.method === 'GET' && url.pathname === '/logout') {
        if (!lastProfile) return send(400, page('Nobody is signed in here', ''));
        return send(302, '', { location: await saml.getLogoutUrlAsync(lastProfile, 'from-sp-logout', {}) });
      }
      if (req.method === 'POST' && url.pathname === '/slo/soap') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const logoutRequest = /<samlp:LogoutRequest[\s\S]*<\/samlp:LogoutRequest>/.exec(body)?.[0] ?? '';
        // node-saml checks it as a posted request: the same enveloped signature.
        const { profile, loggedOut } = await saml.validatePostRequestAsync({ SAMLRequest: Buffer.from(logoutRequest).toString('base64') });
        if (loggedOut && profile?.nameID === lastProfile?.nameID) lastProfile = undefined;
        const answer = `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString()}" InResponseTo="${escape(profile?.ID ?? '')}"><saml:Issuer>${escape(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
        return send(200, `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${answer}</soap:Body></soap:Envelope>`, { 'content-type': 'text/xml; charset=utf-8' });
      }
      if (req.method === 'POST' && url.pathname === '/slo') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = Object.fromEntries(new URLSearchParams(body));
        if (form.SAMLRequest) {
          // The IdP ends this SP's session (IdP-initiated logout) and expects its answer back.
          const { profile, loggedOut } = await saml.validatePostRequestAsync({ SAMLRequest: form.SAMLRequest });
          if (loggedOut && profile?.nameID === lastProfile?.nameID) lastProfile = undefined;
          return send(302, '', { location: await saml.getLogoutResponseUrlAsync(profile!, form.RelayState ?? '', {}, true) });
        }
        const { loggedOut } = await saml.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse ?? '' });
        if (loggedOut) lastProfile = undefined;
        return send(200, page(loggedOut ? 'Signed out of the SAML test app' : 'Not signed out', `<p data-testid="relay-state">${escape(form.RelayState ?? '')}</p>`));
      }
      return send(404, page('Not found', ''));
    } catch (err) {
      return send(400, page('SAML sign-in failed', `<p data-testid="sp-failure">${escape(String((err as Error).message))}</p>`));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${origin}/sp`;
  const acsUrl = `${origin}/acs`;
  return {
    origin,
    entityId,
    acsUrl,
    metadataUrl: `${origin}/metadata`,
    sloUrl: `${origin}/slo`,
    soapSloUrl: `${origin}/slo/soap`,
    useIdp(idp) {
      saml = new SAML({
        entryPoint: idp.ssoUrl,
        idpIssuer: idp.entityId,
        idpCert: idp.certificate,
        issuer: entityId,
        audience: entityId,
        callbackUrl: acsUrl,
        logoutUrl: idp.sloUrl ?? idp.ssoUrl,
        logoutCallbackUrl: `${origin}/slo`,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: false,
        identifierFormat: null,
        validateInResponseTo: ValidateInResponseTo.ifPresent,
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
