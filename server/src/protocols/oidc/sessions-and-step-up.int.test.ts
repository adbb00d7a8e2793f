import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { and, eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp, HttpBrowser } from '../../../test/http-browser.ts';
import { authorize, CALLBACK, discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import { auditEvents, sessions, memberships, oidcPayloads } from '../../db/schema/index.ts';
import type { Org } from '../../domain/orgs/org-store.ts';
import { runHousekeeping } from '../../jobs/housekeeping.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
});
afterAll(() => t.close());

let n = 0;
async function person() {
  const email = `p${++n}@acme.test`;
  const user = await seedUser(t, { email, orgs: [acme] });
  return { user, who: { email, password: STRONG_PASSWORD } };
}

/** TOTP set up from the Security page of a signed-in browser; codes from Debian's oathtool. */
async function enrollTotp(browser: HttpBrowser): Promise<string> {
  const begin = await (await browser.fetch('/api/me/mfa/totp', { method: 'POST', json: {} })).json();
  const code = execFileSync('oathtool', ['--totp', '-b', begin.secret], { encoding: 'utf8' }).trim();
  const done = await browser.fetch('/api/me/mfa/totp/confirm', { method: 'POST', json: { code } });
  expect(done.status).toBe(200);
  return begin.secret;
}

const nextCode = (secret: string) => execFileSync('oathtool', ['--totp', '-b', secret, '--now', new Date(Date.now() + 30_000).toISOString()], { encoding: 'utf8' }).trim();

describe('step-up for an application that requires MFA', () => {
  it('asks a password-only session for a factor, then continues to the application with amr mfa', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { mfaPolicy: { mode: 'mfa' } }, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    await browser.signIn(who.email, who.password);
    const secret = await enrollTotp(browser);

    const a = await authorize(config, t.url, undefined, { browser });
    expect(a.stoppedAt).toMatch(/\/sso\/step-up\?returnTo=/);
    const returnTo = new URL(a.stoppedAt!).searchParams.get('returnTo')!;
    expect(returnTo).toMatch(/^\/api\/oidc\/interaction\//);

    const wrong = await browser.fetch('/api/me/step-up', { method: 'POST', json: { answer: { method: 'totp', code: '000000' } } });
    expect(wrong.status).toBe(401);
    const ok = await browser.fetch('/api/me/step-up', { method: 'POST', json: { answer: { method: 'totp', code: nextCode(secret) } } });
    expect(ok.status).toBe(204);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('tessera_session='))).toBe(true);

    const { url } = await browser.follow(returnTo);
    expect(url.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(url), { pkceCodeVerifier: a.verifier, expectedState: a.state });
    expect(tokens.claims()!.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    expect(tokens.claims()!.acr).toBe('mfa');
  });

  it("applies the application's organization's MFA rule to a session signed in to another organization", async () => {
    const strict = await seedOrg(t, `Strict ${++n}`, { mfa: { mode: 'required' } });
    const email = `both${n}@acme.test`;
    const user = await seedUser(t, { email, orgs: [acme, strict] });
    const app = await seedOidcApp(t, strict, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    expect((await browser.signIn(email, STRONG_PASSWORD)).step).toBe('choose_org');
    expect((await (await browser.fetch('/api/auth/sign-in/organization', { method: 'POST', json: { slug: 'acme' } })).json()).step).toBe('done');
    // Password only, in Acme: the strict organization's application is not entered on that.
    const a = await authorize(config, t.url, undefined, { browser });
    expect(a.stoppedAt).toMatch(/\/sso\/step-up\?returnTo=/);
    // With a factor presented in this session, it is.
    const secret = await enrollTotp(browser);
    expect((await browser.fetch('/api/me/step-up', { method: 'POST', json: { answer: { method: 'totp', code: nextCode(secret) } } })).status).toBe(204);
    const b = await authorize(config, t.url, undefined, { browser });
    expect(b.stoppedAt).toBeUndefined();
    const tokens = await client.authorizationCodeGrant(config, b.callback, { pkceCodeVerifier: b.verifier, expectedState: b.state });
    expect(tokens.claims()!.amr).toEqual(expect.arrayContaining(['otp', 'mfa']));
  });

  it('asks for MFA when the client requests acr_values=mfa', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who, { params: { acr_values: 'mfa' } });
    expect(a.stoppedAt).toMatch(/\/sso\/step-up\?returnTo=/);
    // No factor yet: the step-up page is told to send the person to Security first.
    const options = await (await a.browser.fetch('/api/me/step-up')).json();
    expect(options.methods).toEqual([]);
  });
});

describe('the Tessera session is the truth', () => {
  it('answers prompt=none with login_required when nobody is signed in', async () => {
    const { user } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, undefined, { params: { prompt: 'none' } });
    expect(a.callback.href.startsWith(CALLBACK)).toBe(true);
    expect(a.callback.searchParams.get('error')).toBe('login_required');
  });

  it('signs a person in silently (prompt=none) when they signed in at the portal and never at this application', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    await browser.signIn(who.email, who.password);
    const silent = await authorize(config, t.url, undefined, { browser, params: { prompt: 'none' } });
    expect(silent.callback.searchParams.get('error')).toBeNull();
    const tokens = await client.authorizationCodeGrant(config, silent.callback, { pkceCodeVerifier: silent.verifier, expectedState: silent.state });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(user.id);
    expect(claims.email).toBe(who.email);
    expect(claims.amr).toEqual(['pwd']);
    // When they signed in at the portal, not when the application asked.
    const [signedIn] = await t.database.db.select({ authTime: sessions.authTime }).from(sessions).where(eq(sessions.userId, user.id));
    expect(claims.auth_time).toBe(Math.floor(signedIn.authTime.getTime() / 1000));
    // The provider session it started is the one the next request passes through, and ends with the portal's Log out.
    const again = await authorize(config, t.url, undefined, { browser, params: { prompt: 'none' } });
    expect(again.callback.searchParams.get('code')).toBeTruthy();
    await browser.fetch('/api/auth/logout', { method: 'POST', json: {} });
    const after = await authorize(config, t.url, undefined, { browser, params: { prompt: 'none' } });
    expect(after.callback.searchParams.get('error')).toBe('login_required');
  });

  it("answers a portal-only browser's silent request by the application's rules: access_denied, interaction_required, consent_required", async () => {
    const { user, who } = await person();
    const browser = new HttpBrowser(t.url);
    await browser.signIn(who.email, who.password);
    const silently = async (input: Record<string, unknown>, assign: boolean) => {
      const app = await seedOidcApp(t, acme, input, assign ? user.id : undefined);
      const a = await authorize(await discover(t.url, app.clientId, app.clientSecret), t.url, undefined, { browser, params: { prompt: 'none' } });
      expect(a.callback.searchParams.get('code')).toBeNull();
      return a.callback.searchParams.get('error');
    };
    expect(await silently({}, false)).toBe('access_denied');
    expect(await silently({ mfaPolicy: { mode: 'mfa' } }, true)).toBe('interaction_required');
    expect(await silently({ consent: 'explicit' }, true)).toBe('consent_required');
    // Nothing was issued to any of them.
    const issued = await t.database.db.select({ model: oidcPayloads.model }).from(oidcPayloads).where(and(eq(oidcPayloads.accountId, user.id)));
    expect(issued.filter((r) => r.model !== 'Session')).toEqual([]);
  });

  it('lets a silent request through on the consent the person gave before, from another browser', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { consent: 'explicit' }, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const asked = await authorize(config, t.url, who);
    const uid = asked.stoppedAt!.split('/sso/consent/')[1];
    const allowed = await (await asked.browser.fetch(`/api/oidc/interaction/${uid}/consent`, { method: 'POST', json: { approve: true } })).json();
    expect(new URL((await asked.browser.follow(allowed.redirectTo)).url).searchParams.get('code')).toBeTruthy();

    const elsewhere = new HttpBrowser(t.url);
    await elsewhere.signIn(who.email, who.password);
    const silent = await authorize(config, t.url, undefined, { browser: elsewhere, params: { prompt: 'none' } });
    expect(silent.callback.searchParams.get('error')).toBeNull();
    expect(silent.callback.searchParams.get('code')).toBeTruthy();
    // Taken back on the Security page: a silent request has to ask again.
    expect((await elsewhere.fetch(`/api/me/consents/${app.id}`, { method: 'DELETE', json: {} })).status).toBe(204);
    const other = new HttpBrowser(t.url);
    await other.signIn(who.email, who.password);
    expect((await authorize(config, t.url, undefined, { browser: other, params: { prompt: 'none' } })).callback.searchParams.get('error')).toBe('consent_required');
  });

  it('stops passing a person through once they log out of Tessera, or are suspended', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const first = await authorize(config, t.url, who);
    expect(first.stoppedAt).toBeUndefined();

    await first.browser.fetch('/api/auth/logout', { method: 'POST', json: {} });
    const afterLogout = await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'none' } });
    expect(afterLogout.callback.searchParams.get('error')).toBe('login_required');

    const again = await authorize(config, t.url, who, { browser: first.browser });
    expect(again.stoppedAt).toBeUndefined();
    await t.database.db.update(memberships).set({ suspendedAt: new Date() }).where(eq(memberships.userId, user.id));
    const suspended = await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'none' } });
    expect(suspended.callback.searchParams.get('code')).toBeNull();
    // Signed in, but no longer allowed: the application is told so, not asked to sign the person in.
    expect(suspended.callback.searchParams.get('error')).toBe('access_denied');
  });

  it('answers prompt=none with interaction_required when the application now wants a second factor', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const first = await authorize(config, t.url, who);
    expect(first.stoppedAt).toBeUndefined();
    const silent = await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'none', acr_values: 'mfa' } });
    expect(silent.callback.searchParams.get('code')).toBeNull();
    expect(silent.callback.searchParams.get('error')).toBe('interaction_required');
    expect((await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'none' } })).callback.searchParams.get('code')).toBeTruthy();
  });

  it('RP-initiated logout asks, then ends the Tessera session and returns to the registered URI only', async () => {
    const { user, config, tokens, browser } = await signedIntoApp();

    const evil = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/' });
    const refused = await browser.fetch(evil.href, { headers: { accept: 'text/html' } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This sign-out request cannot continue');

    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://rp.example/bye' });
    const page = await browser.fetch(end.href);
    const html = await page.text();
    expect(html).toContain('Sign out of Tessera?');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('script-src');
    const action = /action="([^"]+)"/.exec(html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    const confirm = await browser.fetch(new URL(action, t.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toMatch(/^https:\/\/rp\.example\/bye/);
    expect((await browser.fetch('/api/session')).status).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });
});

describe('logout requested by a page the person did not confirm', () => {
  it('leaves the Tessera session of a browser with no single sign-on session alone', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { postLogoutRedirectUris: ['https://rp.example/bye'] }, user.id);
    const browser = new HttpBrowser(t.url);
    await browser.signIn(who.email, who.password);
    // A link on any page: the provider has no session here to ask about, and posts by itself.
    const end = await browser.fetch(`/oidc/session/end?client_id=${app.clientId}&post_logout_redirect_uri=${encodeURIComponent('https://rp.example/bye')}`);
    const html = await end.text();
    expect(html).not.toContain('Sign out of Tessera?');
    const action = /action="([^"]+)"/.exec(html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    await browser.fetch(new URL(action.replaceAll('&amp;', '&'), t.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect((await browser.fetch('/api/session')).status).toBe(200);
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'sign_out'), eq(auditEvents.targetUserId, user.id)))).toHaveLength(0);
  });
});

describe('ui_locales', () => {
  it("passes the first language of the application's ui_locales that Tessera speaks on to User Login, and discovery lists them", async () => {
    const { user } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    expect(config.serverMetadata().ui_locales_supported).toEqual(['en', 'fr']);
    const french = await authorize(config, t.url, undefined, { params: { ui_locales: 'de fr-CA en' } });
    const login = new URL(french.stoppedAt!);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('lang')).toBe('fr');
    expect(login.searchParams.get('returnTo')).toMatch(/^\/api\/oidc\/interaction\//);
    const none = await authorize(config, t.url, undefined, { params: { ui_locales: 'de ja' } });
    expect(new URL(none.stoppedAt!).searchParams.has('lang')).toBe(false);
  });
});

describe("the provider's own pages", () => {
  it("speak the portal's language on this browser, else the browser's", async () => {
    const { app, config, tokens, browser } = await signedIntoApp();
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! }).href;

    const french = await (await browser.fetch(end, { headers: { 'accept-language': 'fr-CA,fr;q=0.9' } })).text();
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('Se déconnecter de Tessera ?');
    expect(french).toContain('Oui, me déconnecter');
    // The client's name is the application's own text: still escaped inside the French sentence.
    expect(french).toContain(`${app.name} demande à vous déconnecter.`);
    browser.setCookie('tessera_lang=en; Path=/');
    const chosen = await (await browser.fetch(end, { headers: { 'accept-language': 'fr' } })).text();
    expect(chosen).toContain('Sign out of Tessera?');

    browser.setCookie('tessera_lang=fr; Path=/');
    const unknownClient = await browser.fetch(`/oidc/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    expect(unknownClient.status).toBe(400);
    const unknownPage = await unknownClient.text();
    expect(unknownPage).toContain('Cette demande de connexion ne peut pas aboutir');
    // In French throughout: the provider's English description is only the technical detail.
    expect(unknownPage).toContain("Cette application n&#39;est pas enregistrée dans Tessera");
    expect(unknownPage).toMatch(/Détails techniques \(en anglais\).*invalid_client/s);
    browser.setCookie('tessera_lang=en; Path=/');
    const badReturn = await (await browser.fetch(`/oidc/auth?client_id=${app.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`)).text();
    expect(badReturn).toContain('The application asked to return to an address that is not registered for it.');
  });
});

/** An application's back-channel logout endpoint on loopback: what it was sent, in order. */
async function backchannelReceiver() {
  const received: string[] = [];
  const rp = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => rp.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(rp.address() as AddressInfo).port}/backchannel`, received, close: () => rp.close() };
}

/** Runs `test` with a back-channel receiver, closed afterwards whatever happens. */
async function withBackchannel(test: (rp: Awaited<ReturnType<typeof backchannelReceiver>>) => Promise<void>): Promise<void> {
  const rp = await backchannelReceiver();
  try {
    await test(rp);
  } finally {
    rp.close();
  }
}

/** The claims of the first logout token `rp` receives (waits for it). */
async function firstLogoutToken(rp: Awaited<ReturnType<typeof backchannelReceiver>>) {
  for (let i = 0; i < 50 && rp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const token = new URLSearchParams(rp.received[0]).get('logout_token')!;
  return { token, claims: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) };
}

/** The provider's session names its sign-in by the second (session-check.ts): a second sign-in waits for the next one. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));

/** A new person signed in to a new application (made with `appInput`), tokens bound to that sign-in. */
async function signedIntoApp(appInput: Record<string, unknown> = {}, params: Record<string, string> = {}) {
  const { user, who } = await person();
  const app = await seedOidcApp(t, acme, appInput, user.id);
  const config = await discover(t.url, app.clientId, app.clientSecret);
  const a = await authorize(config, t.url, who, { params });
  const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
  return { user, who, app, config, tokens, browser: a.browser };
}

/** That sign-in's single sign-on is over: its refresh token is refused and the application was told. */
async function expectSignOnEnded(rp: Awaited<ReturnType<typeof backchannelReceiver>>, config: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, userId: string) {
  await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  expect((await firstLogoutToken(rp)).claims).toMatchObject({ sub: userId, sid: tokens.claims()!.sid });
}

describe('back-channel logout (OpenID Connect Back-Channel Logout 1.0)', () => {
  it('tells an application that registered for it, with a signed logout token, when the person signs out', () =>
    withBackchannel(async (rp) => {
      const { user, who } = await person();
      const app = await seedOidcApp(t, acme, { backchannelLogoutUri: rp.url }, user.id);
      const config = await discover(t.url, app.clientId, app.clientSecret);
      const a = await authorize(config, t.url, who);
      const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
      const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://rp.example/bye' });
      const html = await (await a.browser.fetch(end.href)).text();
      const action = /action="([^"]+)"/.exec(html)![1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
      await a.browser.fetch(new URL(action, t.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
      const { token: logoutToken, claims } = await firstLogoutToken(rp);
      const [header, payload, signature] = logoutToken.split('.');
      expect(claims).toMatchObject({ iss: `${t.url}/oidc`, aud: app.clientId, sub: user.id });
      expect(claims.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
      expect(claims.sid).toBe(tokens.claims()!.sid);
      const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
      const jwks = (await (await fetch(config.serverMetadata().jwks_uri!)).json()) as { keys: (JsonWebKey & { kid: string })[] };
      const key = createPublicKey({ key: jwks.keys.find((k) => k.kid === kid)!, format: 'jwk' });
      expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
    }));
});

describe('back-channel logout outside tests', () => {
  it('never calls an application on a network the operator did not allow (OUTBOUND_ALLOW), and audits the failure', () =>
    withBackchannel(async (rp) => {
      const guarded = await createListeningTestApp({ OUTBOUND_ALLOW: '' });
      try {
        const org = await seedOrg(guarded, 'Guarded');
        const user = await seedUser(guarded, { email: 'g@guarded.test', orgs: [org] });
        const app = await seedOidcApp(guarded, org, { backchannelLogoutUri: rp.url }, user.id);
        const config = await discover(guarded.url, app.clientId, app.clientSecret);
        const a = await authorize(config, guarded.url, { email: 'g@guarded.test', password: STRONG_PASSWORD });
        await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
        expect((await a.browser.fetch('/api/auth/logout', { method: 'POST', json: {} })).status).toBe(200);
        await expect
          .poll(async () => (await guarded.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.backchannel_logout'), eq(auditEvents.targetUserId, user.id))))[0])
          .toMatchObject({ outcome: 'failure', details: { appId: app.clientId, reason: 'not_allowed' } });
        expect(rp.received).toEqual([]);
      } finally {
        await guarded.close();
      }
    }));
});

describe('Log out of the portal ends the single sign-on it started', () => {
  it('tells the applications of that sign-in (back-channel) and ends their session-bound tokens; another browser keeps its own', () =>
    withBackchannel(async (rp) => {
      const { user, who, app, config, tokens, browser } = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      await nextSecond();
      const elsewhere = await authorize(config, t.url, who, { params: { scope: 'openid email' } });
      const otherTokens = await client.authorizationCodeGrant(config, elsewhere.callback, { pkceCodeVerifier: elsewhere.verifier, expectedState: elsewhere.state });

      expect((await browser.fetch('/api/auth/logout', { method: 'POST', json: {} })).status).toBe(200);
      await expectSignOnEnded(rp, config, tokens, user.id);
      expect((await client.refreshTokenGrant(config, otherTokens.refresh_token!)).access_token).toBeTruthy();
      expect(rp.received).toHaveLength(1);
      const { claims } = await firstLogoutToken(rp);
      expect(claims).toMatchObject({ iss: `${t.url}/oidc`, aud: app.clientId });
      expect(claims.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
      for (let i = 0; i < 50; i++) {
        const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.backchannel_logout'), eq(auditEvents.targetUserId, user.id)));
        if (rows.length) {
          expect(rows[0]).toMatchObject({ orgId: acme.id, outcome: 'success', details: { appId: app.clientId } });
          break;
        }
        if (i === 49) throw new Error('no app.backchannel_logout audit row');
        await new Promise((r) => setTimeout(r, 50));
      }
    }));

  it('does the same when the person signs that browser out from another one (Security page)', () =>
    withBackchannel(async (rp) => {
      const { user, who, config, tokens } = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      await nextSecond();
      const other = new HttpBrowser(t.url);
      await other.signIn(who.email, who.password);
      const { items } = (await (await other.fetch('/api/me/sessions')).json()) as { items: { id: string; current: boolean }[] };
      const away = items.find((i) => !i.current)!;
      expect((await other.fetch(`/api/me/sessions/${away.id}`, { method: 'DELETE', json: {} })).status).toBe(204);
      await expectSignOnEnded(rp, config, tokens, user.id);
    }));

  it('does the same when the person signs out all other sessions, or changes their password', () =>
    withBackchannel(async (rp) => {
      const first = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      await nextSecond();
      const other = new HttpBrowser(t.url);
      await other.signIn(first.who.email, first.who.password);
      expect((await (await other.fetch('/api/me/sessions/sign-out-others', { method: 'POST', json: {} })).json()).ended).toBe(1);
      await expectSignOnEnded(rp, first.config, first.tokens, first.user.id);

      rp.received.length = 0;
      const browser = new HttpBrowser(t.url);
      await browser.signIn(first.who.email, first.who.password);
      const again = await authorize(first.config, t.url, undefined, { browser, params: { scope: 'openid email' } });
      const tokens = await client.authorizationCodeGrant(first.config, again.callback, { pkceCodeVerifier: again.verifier, expectedState: again.state });
      await nextSecond();
      const changed = await other.fetch('/api/me/password', { method: 'POST', json: { currentPassword: first.who.password, newPassword: 'an-Other-strong-passw0rd', keepThisSession: true } });
      expect(changed.status).toBe(200);
      await expectSignOnEnded(rp, first.config, tokens, first.user.id);
    }));

  it('does the same when the sign-in runs out (housekeeping ends sessions past their lifetime)', () =>
    withBackchannel(async (rp) => {
      const { user, config, tokens } = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
      await runHousekeeping(t.database.db);
      expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
      await expectSignOnEnded(rp, config, tokens, user.id);
    }));

  it('does the same when the next request finds the sign-in idle too long', () =>
    withBackchannel(async (rp) => {
      const { user, config, tokens, browser } = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      await t.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 24 * 3_600_000) }).where(eq(sessions.userId, user.id));
      expect((await browser.fetch('/api/session')).status).toBe(401);
      await expectSignOnEnded(rp, config, tokens, user.id);
    }));

  it('does the same when an administrator signs the person out', () =>
    withBackchannel(async (rp) => {
      const { user, config, tokens } = await signedIntoApp({ backchannelLogoutUri: rp.url }, { scope: 'openid email' });
      const bossEmail = `boss${++n}@acme.test`;
      await seedUser(t, { email: bossEmail, orgs: [acme], role: 'admin' });
      const admin = new HttpBrowser(t.url);
      await admin.fetch('/api/auth/sign-in', { method: 'POST', json: { email: bossEmail, portal: 'admin' } });
      expect((await (await admin.fetch('/api/auth/sign-in/password', { method: 'POST', json: { password: STRONG_PASSWORD } })).json()).step).toBe('done');
      expect((await admin.fetch(`/api/admin/users/${user.id}/sign-out`, { method: 'POST', json: {} })).status).toBe(204);
      await expectSignOnEnded(rp, config, tokens, user.id);
    }));
});

describe('consent for applications the organization does not vouch for', () => {
  it('asks once, remembers the answer per person and application, and issues nothing on Deny', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { consent: 'explicit', name: 'Expense reports' }, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    expect(a.stoppedAt).toMatch(/\/sso\/consent\//);
    const uid = a.stoppedAt!.split('/sso/consent/')[1];
    const question = await (await a.browser.fetch(`/api/oidc/interaction/${uid}/consent`)).json();
    expect(question.app).toMatchObject({ id: app.id, name: 'Expense reports' });
    expect(question.scopes).toEqual(expect.arrayContaining(['email', 'profile']));

    const denied = await (await a.browser.fetch(`/api/oidc/interaction/${uid}/consent`, { method: 'POST', json: { approve: false } })).json();
    const { url: deniedAt } = await a.browser.follow(denied.redirectTo);
    expect(new URL(deniedAt).searchParams.get('error')).toBe('access_denied');

    const b = await authorize(config, t.url, undefined, { browser: a.browser });
    const uid2 = b.stoppedAt!.split('/sso/consent/')[1];
    const allowed = await (await b.browser.fetch(`/api/oidc/interaction/${uid2}/consent`, { method: 'POST', json: { approve: true } })).json();
    const { url } = await b.browser.follow(allowed.redirectTo);
    expect(new URL(url).searchParams.get('code')).toBeTruthy();
    const answers = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.consent'), eq(auditEvents.targetUserId, user.id)));
    // Both answers are on record: the Deny too.
    expect(answers.map((e) => [e.outcome, (e.details as { appId: string }).appId]).sort()).toEqual([['failure', app.id], ['success', app.id]]);
    // One launch: the code that went out after the consent.
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.sso'), eq(auditEvents.targetUserId, user.id)))).toHaveLength(1);

    // A new browser (a new provider session): the remembered consent means no question.
    const c = await authorize(config, t.url, who);
    expect(c.stoppedAt).toBeUndefined();

    // prompt=consent asks again all the same (OIDC Core §3.1.2.1), about everything the client asks for.
    const d = await authorize(config, t.url, undefined, { browser: c.browser, params: { prompt: 'consent' } });
    expect(d.stoppedAt).toMatch(/\/sso\/consent\//);
    const uid4 = d.stoppedAt!.split('/sso/consent/')[1];
    expect((await (await d.browser.fetch(`/api/oidc/interaction/${uid4}/consent`)).json().then((q: { scopes: string[] }) => q.scopes))).toEqual(expect.arrayContaining(['email', 'profile']));
    const again = await (await d.browser.fetch(`/api/oidc/interaction/${uid4}/consent`, { method: 'POST', json: { approve: true } })).json();
    expect(new URL((await d.browser.follow(again.redirectTo)).url).searchParams.get('code')).toBeTruthy();
  });

  it('asks nothing of an application the organization trusts, even with prompt=consent', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { name: 'Intranet' }, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const trusted = await authorize(config, t.url, who, { params: { prompt: 'consent' } });
    expect(trusted.stoppedAt).toBeUndefined();
    expect(trusted.callback.searchParams.get('code')).toBeTruthy();
  });
});

describe('withdrawing consent (Security → Applications you allowed)', () => {
  it('lists what was allowed; taking it back ends the tokens and the application asks again', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { consent: 'explicit', name: 'Survey box', grantTypes: ['authorization_code', 'refresh_token'] }, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    const uid = a.stoppedAt!.split('/sso/consent/')[1];
    const allowed = await (await a.browser.fetch(`/api/oidc/interaction/${uid}/consent`, { method: 'POST', json: { approve: true } })).json();
    const { url } = await a.browser.follow(allowed.redirectTo);
    const tokens = await client.authorizationCodeGrant(config, new URL(url), { pkceCodeVerifier: a.verifier, expectedState: a.state });
    expect(tokens.refresh_token).toBeTruthy();

    const listed = await (await a.browser.fetch('/api/me/consents')).json();
    expect(listed.items).toEqual([expect.objectContaining({ appId: app.id, name: 'Survey box', scopes: expect.arrayContaining(['email']) })]);
    const stranger = new HttpBrowser(t.url);
    await stranger.signIn((await person()).who.email, STRONG_PASSWORD);
    expect((await stranger.fetch(`/api/me/consents/${app.id}`, { method: 'DELETE', json: {} })).status).toBe(404);

    expect((await a.browser.fetch(`/api/me/consents/${app.id}`, { method: 'DELETE', json: {} })).status).toBe(204);
    expect((await (await a.browser.fetch('/api/me/consents')).json()).items).toEqual([]);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const again = await authorize(config, t.url, undefined, { browser: a.browser });
    expect(again.stoppedAt).toMatch(/\/sso\/consent\//);
    const [withdrawn] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.consent_withdrawn'), eq(auditEvents.targetUserId, user.id)));
    expect(withdrawn).toMatchObject({ orgId: acme.id, details: { appId: app.id } });
  });
});

describe('public clients (single-page and native)', () => {
  it('complete the code flow with PKCE and no secret', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, { kind: 'spa' }, user.id);
    expect(app.clientSecret).toBeNull();
    const config = await discover(t.url, app.clientId, null);
    const a = await authorize(config, t.url, who);
    const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    expect(tokens.access_token).toBeTruthy();
  });
});

describe('storage', () => {
  it('keeps codes and tokens only as the provider’s payload rows, expiring ones cleaned by housekeeping', async () => {
    const rows = await t.database.db.select({ model: oidcPayloads.model, expiresAt: oidcPayloads.expiresAt }).from(oidcPayloads);
    expect(rows.some((r) => r.model === 'AuthorizationCode')).toBe(true);
    expect(rows.filter((r) => r.model === 'AccessToken').every((r) => r.expiresAt !== null)).toBe(true);
  });
});
