import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp, HttpBrowser } from '../../../test/http-browser.ts';
import { authorize, CALLBACK, discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import type { Org } from '../../domain/orgs/org-store.ts';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, oidcPayloads, sessions } from '../../db/schema/index.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;
let ada: { id: string };
const who = { email: 'ada@acme.test', password: STRONG_PASSWORD };

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
  ada = await seedUser(t, { email: who.email, orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' });
});
afterAll(() => t.close());

describe('authorization code with PKCE (RFC 6749, RFC 7636) through openid-client', () => {
  it('publishes discovery with S256 only, RFC 9207 iss, and the endpoints under /oidc', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(`${t.url}/oidc`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(meta.token_endpoint).toBe(`${t.url}/oidc/token`);
    expect(meta.introspection_endpoint).toBeTruthy();
    expect(meta.revocation_endpoint).toBeTruthy();
    expect(meta.end_session_endpoint).toBeTruthy();
    // Only what an application can be registered for.
    expect(meta.response_types_supported).toEqual(['code']);
    expect([...(meta.token_endpoint_auth_methods_supported ?? [])].sort()).toEqual(['client_secret_basic', 'client_secret_post', 'none']);
    const jwks = await (await fetch(meta.jwks_uri!)).json();
    expect(jwks.keys.map((k: { alg: string }) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(jwks.keys.every((k: Record<string, unknown>) => k.d === undefined)).toBe(true);
  });

  it('launches an application the organization vouches for through one interaction, audited once', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    await browser.signIn(who.email, who.password);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    let at = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid email profile', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state }).href;
    const interactions: string[] = [];
    for (let hops = 0; !at.startsWith(CALLBACK); hops++) {
      expect(hops).toBeLessThan(10);
      if (new URL(at).pathname.startsWith('/api/oidc/interaction/')) interactions.push(at);
      const res = await browser.fetch(at);
      expect(res.status).toBe(303);
      at = new URL(res.headers.get('location')!, at).href;
    }
    expect(interactions).toHaveLength(1);
    const tokens = await client.authorizationCodeGrant(config, new URL(at), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.sub).toBe(ada.id);
    // The grant holds what was asked: the profile and e-mail claims come through.
    expect(await client.fetchUserInfo(config, tokens.access_token, ada.id)).toMatchObject({ email: 'ada@acme.test', name: 'Ada Lovelace' });
    const launches = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.sso'), eq(auditEvents.targetUserId, ada.id), sql`${auditEvents.details}->>'appId' = ${app.clientId}`));
    expect(launches).toHaveLength(1);
    expect(launches[0]).toMatchObject({ orgId: acme.id, outcome: 'success' });
    // Again, straight through the provider session this time: another launch, audited once more.
    const again = await authorize(config, t.url, undefined, { browser });
    expect(again.stoppedAt).toBeUndefined();
    const after = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.sso'), eq(auditEvents.targetUserId, ada.id), sql`${auditEvents.details}->>'appId' = ${app.clientId}`));
    expect(after).toHaveLength(2);
  });

  it('signs the person in through User Login, then issues tokens whose claims come from the profile', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    expect(a.stoppedAt).toBeUndefined();
    expect(a.callback.searchParams.get('iss')).toBe(`${t.url}/oidc`);
    const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(ada.id);
    expect(claims.iss).toBe(`${t.url}/oidc`);
    expect(claims.aud).toBe(app.clientId);
    expect(claims.amr).toEqual(['pwd']);
    // The scopes' claims ride in the ID token too: many applications read nothing else.
    expect(claims).toMatchObject({ email: who.email, email_verified: true, name: 'Ada Lovelace', given_name: 'Ada', groups: [] });
    expect(tokens.refresh_token).toBeTruthy();
    const info = await client.fetchUserInfo(config, tokens.access_token, ada.id);
    expect(info).toMatchObject({ email: who.email, email_verified: true, given_name: 'Ada', family_name: 'Lovelace', name: 'Ada Lovelace', groups: [] });
  });

  it("passes the application's login_hint on to User Login when it is an address, and nothing else", async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const hinted = await authorize(config, t.url, undefined, { params: { login_hint: 'ada@acme.test' } });
    expect(new URL(hinted.stoppedAt!).searchParams.get('hint')).toBe('ada@acme.test');
    const opaque = await authorize(config, t.url, undefined, { params: { login_hint: 'user-12345' } });
    expect(new URL(opaque.stoppedAt!).searchParams.get('hint')).toBeNull();
  });

  it('passes a signed-in person straight through on the next request (no second sign-in)', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const first = await authorize(config, t.url, who);
    const again = await authorize(config, t.url, undefined, { browser: first.browser });
    expect(again.stoppedAt).toBeUndefined();
    expect(again.callback.searchParams.get('code')).toBeTruthy();
  });

  it('refuses the code when the PKCE verifier does not match, and a code used twice', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    await expect(client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: a.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    const b = await authorize(config, t.url, undefined, { browser: a.browser });
    const tokens = await client.authorizationCodeGrant(config, b.callback, { pkceCodeVerifier: b.verifier, expectedState: b.state });
    await expect(client.authorizationCodeGrant(config, b.callback, { pkceCodeVerifier: b.verifier, expectedState: b.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    // RFC 9700 §4.5: the reused code revokes what it issued.
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected.active).toBe(false);
    const reused = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'oidc.token_reused'), sql`${auditEvents.details}->>'appId' = ${app.clientId}`));
    expect(reused).toMatchObject([{ orgId: acme.id, details: { grantType: 'authorization_code' } }]);
  });

  it('refuses an expired code', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    await t.database.db.update(oidcPayloads).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oidcPayloads.model, 'AuthorizationCode'));
    await expect(client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('honours max_age: a sign-in older than the client allows means signing in again', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const first = await authorize(config, t.url, who);
    await t.database.db.update(sessions).set({ authTime: new Date(Date.now() - 120_000) }).where(eq(sessions.userId, ada.id));
    const again = await authorize(config, t.url, undefined, { browser: first.browser, params: { max_age: '60' } });
    // The sign-in page is told to ask although the browser has a session.
    expect(again.stoppedAt).toMatch(/\/login\?returnTo=[^&]+&reauth=1$/);
    const fresh = await authorize(config, t.url, who, { browser: first.browser, params: { max_age: '60' } });
    expect(fresh.stoppedAt).toBeUndefined();
    const tokens = await client.authorizationCodeGrant(config, fresh.callback, { pkceCodeVerifier: fresh.verifier, expectedState: fresh.state, maxAge: 60 });
    expect(Date.now() / 1000 - tokens.claims()!.auth_time!).toBeLessThan(30);
  });

  it('honours prompt=login for a sign-in made just before the request, in the same second', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const first = await authorize(config, t.url, who);
    // Early in a second, so that the request below arrives within the same one.
    while (Date.now() % 1000 > 300) await new Promise((r) => setTimeout(r, 20));
    await t.database.db.update(sessions).set({ authTime: new Date(Date.now() - 1) }).where(eq(sessions.userId, ada.id));
    const again = await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'login' } });
    expect(again.stoppedAt).toMatch(/\/login\?returnTo=[^&]+&reauth=1$/);
    // A value the client sends for the stamp changes nothing.
    const forged = await authorize(config, t.url, undefined, { browser: first.browser, params: { prompt: 'login', tessera_requested_at: '1' } });
    expect(forged.stoppedAt).toMatch(/\/login\?returnTo=/);
    const fresh = await authorize(config, t.url, who, { browser: first.browser, params: { prompt: 'login' } });
    expect(fresh.stoppedAt).toBeUndefined();
  });

  it('requires PKCE from a confidential client too', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const url = new URL(`${t.url}/oidc/auth`);
    url.search = new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 'x' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const url = new URL(`${t.url}/oidc/auth`);
    url.search = new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: 'https://rp.example/callback/../evil', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const app = await seedOidcApp(t, acme, {}, ada.id);
    const good = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(good, t.url, who);
    const bad = await discover(t.url, app.clientId, 'tcs_not-the-secret');
    const refused = await client.authorizationCodeGrant(bad, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state }).catch((e) => e);
    expect(refused).toMatchObject({ status: 401, cause: [{ parameters: { error: 'invalid_client' } }] });
    // The right secret still works with the same code: a failed authentication consumed nothing.
    const tokens = await client.authorizationCodeGrant(good, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    expect(tokens.access_token).toBeTruthy();
  });
});

describe('who may sign in to an application', () => {
  it('shows "no access" to a member who is not assigned, and issues nothing', async () => {
    const app = await seedOidcApp(t, acme);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    expect(a.stoppedAt).toMatch(/\/sso\/denied\?interaction=/);
  });

  it('treats an application of another organization like an unassigned one', async () => {
    const globex = await seedOrg(t, 'Globex');
    const app = await seedOidcApp(t, globex);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, who);
    expect(a.stoppedAt).toMatch(/\/sso\/denied\?interaction=/);
  });
});
