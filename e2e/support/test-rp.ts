import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';

export type TestRp = {
  /** http://127.0.0.1:port — its own origin, apart from Tessera's localhost one. */
  origin: string;
  loginUri: string;
  callbackUri: string;
  /** Its back-channel logout endpoint: a logout token ends the application's session for that sid. */
  backchannelUri: string;
  /** Says whether this browser is still signed in to the application. */
  sessionUri: string;
  /** Its "Log out": RP-initiated logout at Tessera, back to `loggedOutUri`. */
  logoutUri: string;
  /** Where Tessera sends the browser back after that logout (register it as a post-logout URI). */
  loggedOutUri: string;
  /** The credentials the administrator got for this relying party. */
  useClient(clientId: string, clientSecret: string | null): void;
  close(): Promise<void>;
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

/**
 * A tiny relying party on loopback, as a real application would be: `/login` (and `/`) sends the browser to
 * Tessera's authorization endpoint (code flow, PKCE S256, state, nonce); `/callback` exchanges the
 * code (openid-client checks iss, state and the ID token), fetches userinfo and shows the claims,
 * and keeps an application session (its own cookie) until a back-channel logout token names its sid.
 * With `formPost`, it asks for response_mode=form_post: the code comes back in a cross-site POST
 * (which carries no SameSite=Lax cookie), so a sign-in in progress is found by its state.
 */
export async function startTestRp(issuer: string, scope = 'openid email profile groups', options: { formPost?: boolean } = {}): Promise<TestRp> {
  let creds: { clientId: string; clientSecret: string | null } | undefined;
  let config: client.Configuration | undefined;
  /** Sign-ins in progress, by their state. */
  const pending = new Map<string, { verifier: string; nonce: string }>();
  /** The application's own sessions: cookie value → the provider's sid they came from, and the ID token. */
  const appSessions = new Map<string, string>();
  const idTokens = new Map<string, string>();

  const configuration = async () => {
    if (!creds) throw new Error('test RP: useClient() first');
    config ??= await client.discovery(new URL(issuer), creds.clientId, undefined, creds.clientSecret ? client.ClientSecretBasic(creds.clientSecret) : client.None(), {
      execute: [client.allowInsecureRequests],
    });
    return config;
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, html: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    };
    try {
      // The home page of an application nobody is signed in to: straight to sign-in, as most do.
      if (url.pathname === '/login' || url.pathname === '/') {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        const nonce = client.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = client.buildAuthorizationUrl(await configuration(), {
          ...(options.formPost ? { response_mode: 'form_post' } : {}),
          // `/login?prompt=login`: the application asks for a fresh sign-in.
          ...(url.searchParams.get('prompt') ? { prompt: url.searchParams.get('prompt')! } : {}),
          // `/login?login_hint=…`: the application already knows who is signing in.
          ...(url.searchParams.get('login_hint') ? { login_hint: url.searchParams.get('login_hint')! } : {}),
          ...(url.searchParams.get('ui_locales') ? { ui_locales: url.searchParams.get('ui_locales')! } : {}),
          redirect_uri: callbackUri,
          scope,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        return send(302, '', { location: to.href });
      }
      if (url.pathname === '/callback') {
        let body = '';
        if (req.method === 'POST') for await (const chunk of req) body += chunk;
        const params = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
        const state = params.get('state') ?? '';
        const flow = pending.get(state);
        pending.delete(state);
        if (params.get('error')) return send(200, page('Sign-in refused', `<p data-testid="rp-error">${escape(params.get('error')!)}</p>`));
        if (!flow) return send(400, page('No sign-in in progress', ''));
        const cfg = await configuration();
        const current = req.method === 'POST' ? new Request(callbackUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }) : url;
        const tokens = await client.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: flow.verifier, expectedState: state, expectedNonce: flow.nonce });
        const sub = tokens.claims()!.sub;
        const info = await client.fetchUserInfo(cfg, tokens.access_token, sub);
        const rows = Object.entries({ ...info, amr: tokens.claims()!.amr })
          .map(([k, v]) => `<dt>${escape(k)}</dt><dd data-claim="${escape(k)}">${escape(typeof v === 'string' ? v : JSON.stringify(v))}</dd>`)
          .join('');
        const appSession = randomBytes(16).toString('hex');
        appSessions.set(appSession, String(tokens.claims()!.sid));
        idTokens.set(appSession, tokens.id_token!);
        return send(200, page('Signed in to the test app', `<dl>${rows}</dl>`), { 'set-cookie': `rp_session=${appSession}; Path=/; HttpOnly; SameSite=Lax` });
      }
      if (url.pathname === '/session') {
        const appSession = /(?:^|;\s*)rp_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
        return send(200, page(appSession && appSessions.has(appSession) ? 'Still signed in to the test app' : 'Signed out of the test app', ''));
      }
      if (url.pathname === '/logout') {
        const appSession = /(?:^|;\s*)rp_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
        const idToken = appSession ? idTokens.get(appSession) : undefined;
        if (appSession) (appSessions.delete(appSession), idTokens.delete(appSession));
        const to = client.buildEndSessionUrl(await configuration(), { post_logout_redirect_uri: loggedOutUri, ...(idToken ? { id_token_hint: idToken } : {}) });
        return send(302, '', { location: to.href, 'set-cookie': 'rp_session=; Path=/; Max-Age=0' });
      }
      if (url.pathname === '/logged-out') return send(200, page('Back at the test app, signed out', ''));
      if (url.pathname === '/backchannel' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        // A real application verifies the token's signature too (the integration tests do); here the claims decide.
        const token = new URLSearchParams(body).get('logout_token') ?? '';
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { aud?: string; sid?: string; events?: Record<string, unknown> };
        if (claims.aud !== creds?.clientId || !claims.events?.['http://schemas.openid.net/event/backchannel-logout']) return send(400, '');
        for (const [appSession, sid] of appSessions) if (sid === claims.sid) appSessions.delete(appSession);
        return send(200, '');
      }
      return send(404, page('Not found', ''));
    } catch (err) {
      return send(500, page('Test app error', `<pre data-testid="rp-failure">${escape(String((err as Error).message ?? err))}</pre>`));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackUri = `${origin}/callback`;
  const loggedOutUri = `${origin}/logged-out`;
  return {
    origin,
    loginUri: `${origin}/login`,
    callbackUri,
    backchannelUri: `${origin}/backchannel`,
    sessionUri: `${origin}/session`,
    logoutUri: `${origin}/logout`,
    loggedOutUri,
    useClient(clientId, clientSecret) {
      creds = { clientId, clientSecret };
      config = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
