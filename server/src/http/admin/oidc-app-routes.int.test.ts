import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  admin = t.client();
  expect((await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' })).statusCode).toBe(200);
});
afterAll(() => t.close());

const full = {
  name: 'Payroll',
  kind: 'web',
  description: 'Pay slips',
  details: 'Use your badge number.',
  redirectUris: ['https://payroll.example/cb'],
  postLogoutRedirectUris: ['https://payroll.example/bye'],
  consent: 'explicit',
  accessTokenTtlSeconds: 600,
  refreshTokenTtlSeconds: 86_400,
  tokenEndpointAuthMethod: 'client_secret_post',
  mfaPolicy: { mode: 'mfa' },
};

describe('OpenID Connect applications in the admin API', () => {
  it('changes only what an update names: a rename keeps the redirect URIs, the consent, the lifetimes and the MFA requirement', async () => {
    const created = await admin.post('/api/admin/apps/oidc', full);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const before = (await admin.get(`/api/admin/apps/oidc/${id}`)).json();

    const renamed = await admin.post(`/api/admin/apps/oidc/${id}`, { name: 'Payroll 2' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ ...before, name: 'Payroll 2' });

    const consent = await admin.post(`/api/admin/apps/oidc/${id}`, { consent: 'implicit' });
    expect(consent.json()).toEqual({ ...before, name: 'Payroll 2', settings: { ...before.settings, consent: 'implicit' } });
  });

  it('removes a back-channel logout or initiate-login URI when the update sends null', async () => {
    const id = (await admin.post('/api/admin/apps/oidc', { ...full, name: 'Rota', backchannelLogoutUri: 'https://rota.example/bcl', initiateLoginUri: 'https://rota.example/login' })).json().id as string;
    expect((await admin.get(`/api/admin/apps/oidc/${id}`)).json().settings).toMatchObject({ backchannelLogoutUri: 'https://rota.example/bcl', initiateLoginUri: 'https://rota.example/login' });
    const cleared = await admin.post(`/api/admin/apps/oidc/${id}`, { backchannelLogoutUri: null, initiateLoginUri: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().settings).toMatchObject({ backchannelLogoutUri: null, initiateLoginUri: null });
    expect(cleared.json().settings.redirectUris).toEqual(full.redirectUris);
  });

  it('refuses an invalid update and changes nothing', async () => {
    const id = (await admin.post('/api/admin/apps/oidc', { ...full, name: 'Ledger' })).json().id as string;
    const before = (await admin.get(`/api/admin/apps/oidc/${id}`)).json();
    const bad = await admin.post(`/api/admin/apps/oidc/${id}`, { name: 'Ledger 2', redirectUris: ['http://ledger.example/cb'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
    expect((await admin.get(`/api/admin/apps/oidc/${id}`)).json()).toEqual(before);
  });
});
