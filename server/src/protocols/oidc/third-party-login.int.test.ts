import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp, HttpBrowser } from '../../../test/http-browser.ts';
import { discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import type { Org } from '../../domain/orgs/org-store.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;
let ada: { id: string };
let browser: HttpBrowser;

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
  ada = await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
  browser = new HttpBrowser(t.url);
  await browser.signIn('ada@acme.test', STRONG_PASSWORD);
});
afterAll(() => t.close());

const launch = async (appId: string) => {
  const res = await browser.fetch(`/api/me/apps/${appId}/launch`, { method: 'POST', json: {} });
  expect(res.status).toBe(200);
  return new URL(((await res.json()) as { url: string }).url);
};

describe('initiating login from a third party (OIDC Core §4)', () => {
  it('sends the tile to the initiate-login URI with iss, the issuer openid-client discovers, and target_link_uri', async () => {
    const app = await seedOidcApp(t, acme, { redirectUris: ['https://rota.example/auth/callback'], initiateLoginUri: 'https://rota.example/login?tenant=acme' }, ada.id);
    const url = await launch(app.id);
    expect(url.origin + url.pathname).toBe('https://rota.example/login');
    expect(url.searchParams.get('tenant')).toBe('acme');
    expect(url.searchParams.get('target_link_uri')).toBe('https://rota.example');
    // What the application does with `iss`: discover that issuer, then start its sign-in there.
    const iss = url.searchParams.get('iss')!;
    const config = await discover(t.url, app.clientId, app.clientSecret);
    expect(iss).toBe(config.serverMetadata().issuer);
    const rediscovered = await client.discovery(new URL(iss), app.clientId, undefined, client.ClientSecretBasic(app.clientSecret!), { execute: [client.allowInsecureRequests] });
    expect(rediscovered.serverMetadata().authorization_endpoint).toBe(`${t.url}/oidc/auth`);
  });

  it('opens the site itself, without login parameters, when the application has no initiate-login URI', async () => {
    const app = await seedOidcApp(t, acme, { redirectUris: ['https://wiki.example/cb'] }, ada.id);
    expect((await launch(app.id)).href).toBe('https://wiki.example/');
  });
});
