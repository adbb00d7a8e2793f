import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp, HttpBrowser } from '../../../test/http-browser.ts';
import { CALLBACK, discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import type { Org } from '../../domain/orgs/org-store.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;
let seq = 0;

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
});
afterAll(() => t.close());

async function person() {
  const email = `reopen${++seq}@acme.test`;
  const user = await seedUser(t, { email, orgs: [acme] });
  return { user, who: { email, password: STRONG_PASSWORD } };
}

/** The authorization request up to User Login: the interaction path it waits on (its returnTo). */
async function startSignIn(config: client.Configuration, browser: HttpBrowser) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid email', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  const { url } = await browser.follow(authUrl.href);
  const returnTo = new URL(url).searchParams.get('returnTo');
  expect(returnTo).toMatch(/^\/api\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
  return returnTo!;
}

const locationOf = async (browser: HttpBrowser, path: string) => {
  const res = await browser.fetch(path);
  return { status: res.status, location: res.headers.get('location'), body: res.status === 303 ? undefined : await res.json() };
};

/** A person signed in at User Login for an application that asks for consent: the request waits on the question (`uid2`). */
async function signedInToConsentQuestion() {
  const { user, who } = await person();
  const app = await seedOidcApp(t, acme, { consent: 'explicit' }, user.id);
  const config = await discover(t.url, app.clientId, app.clientSecret);
  const browser = new HttpBrowser(t.url);
  const returnTo = await startSignIn(config, browser);
  const { url: consentAt } = await browser.follow((await browser.signIn(who.email, who.password, returnTo)).redirectTo!);
  return { browser, returnTo, uid2: consentAt.split('/sso/consent/')[1] };
}

describe('a sign-in request opened again after it ended (second tab, Back from the application)', () => {
  it('tells the person who completed it so, with the application’s registered address, and asks for no password', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    const returnTo = await startSignIn(config, browser);
    const uid = returnTo.split('/').pop()!;
    const done = await browser.signIn(who.email, who.password, returnTo);
    const { url } = await browser.follow(done.redirectTo!);
    expect(url.startsWith(CALLBACK) && new URL(url).searchParams.get('code')).toBeTruthy();

    // The second tab (same browser) returns to the same interaction after signing in.
    expect(await locationOf(browser, returnTo)).toMatchObject({ status: 303, location: `/sso/completed/${uid}` });
    const outcome = await (await browser.fetch(`${returnTo}/outcome`)).json();
    expect(outcome).toEqual({ kind: 'completed', app: { id: app.id, name: expect.any(String), icon: null, launchUrl: 'https://rp.example' } });
    // The provider still never resumes it twice: no second code.
    const resumed = await browser.follow(`/oidc/auth/${uid}`);
    expect(resumed.url.startsWith(CALLBACK)).toBe(false);
  });

  it('says nothing of it to another person, to a signed-out browser, or for an unknown request', async () => {
    const { user, who } = await person();
    const app = await seedOidcApp(t, acme, {}, user.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const browser = new HttpBrowser(t.url);
    const returnTo = await startSignIn(config, browser);
    await browser.follow((await browser.signIn(who.email, who.password, returnTo)).redirectTo!);

    const other = new HttpBrowser(t.url);
    await other.signIn((await person()).who.email, STRONG_PASSWORD);
    expect(await locationOf(other, returnTo)).toMatchObject({ status: 404, body: { error: { code: 'sso.interaction_not_found' } } });
    expect((await other.fetch(`${returnTo}/outcome`)).status).toBe(404);
    expect((await new HttpBrowser(t.url).fetch(`${returnTo}/outcome`)).status).toBe(401);
    expect((await browser.fetch('/api/oidc/interaction/unknownInteraction0/outcome')).status).toBe(404);
    expect(await locationOf(browser, '/api/oidc/interaction/unknownInteraction0')).toMatchObject({ status: 404, body: { error: { code: 'sso.interaction_not_found' } } });
  });

  it('sends Back from the consent question to that question while it waits, and to "completed" once answered', async () => {
    const { browser, returnTo, uid2 } = await signedInToConsentQuestion();
    expect(uid2).toBeTruthy();

    // Back one step: User Login's interaction is over, the request waits on its consent question.
    expect(await locationOf(browser, returnTo)).toMatchObject({ status: 303, location: `/api/oidc/interaction/${uid2}` });
    expect((await browser.follow(returnTo)).url).toBe(`${t.url}/sso/consent/${uid2}`);

    const allowed = await (await browser.fetch(`/api/oidc/interaction/${uid2}/consent`, { method: 'POST', json: { approve: true } })).json();
    expect(new URL((await browser.follow(allowed.redirectTo)).url).searchParams.get('code')).toBeTruthy();
    // Back from the application after Allow: the question is gone, the request completed.
    expect((await browser.fetch(`/api/oidc/interaction/${uid2}/consent`)).status).toBe(404);
    expect((await (await browser.fetch(`/api/oidc/interaction/${uid2}/outcome`)).json()).kind).toBe('completed');
    expect(await locationOf(browser, returnTo)).toMatchObject({ status: 303, location: `/sso/completed/${returnTo.split('/').pop()}` });
  });

  it('does not call a refused request completed (Deny)', async () => {
    const { browser, returnTo, uid2 } = await signedInToConsentQuestion();
    const denied = await (await browser.fetch(`/api/oidc/interaction/${uid2}/consent`, { method: 'POST', json: { approve: false } })).json();
    expect(new URL((await browser.follow(denied.redirectTo)).url).searchParams.get('error')).toBe('access_denied');
    expect((await browser.fetch(`/api/oidc/interaction/${uid2}/outcome`)).status).toBe(404);
  });
});
