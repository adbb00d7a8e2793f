import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { and, eq, sql } from 'drizzle-orm';
import { seedOrg, seedUser, STRONG_PASSWORD, type TestClient } from '../../../test/harness.ts';
import { createListeningTestApp } from '../../../test/http-browser.ts';
import { discover } from '../../../test/oidc-fixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let admin: TestClient;

beforeAll(async () => {
  t = await createListeningTestApp();
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

  it('issues a new secret, shown once, when a single-page application becomes a web application; the secret works', async () => {
    const spa = await admin.post('/api/admin/apps/oidc', { ...full, name: 'Board', kind: 'spa', tokenEndpointAuthMethod: undefined });
    expect(spa.json()).toMatchObject({ hasSecret: false, clientSecret: null });
    const id = spa.json().id as string;
    const web = await admin.post(`/api/admin/apps/oidc/${id}`, { kind: 'web', grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'] });
    expect(web.statusCode, web.body).toBe(200);
    expect(web.json()).toMatchObject({ hasSecret: true, clientSecret: expect.stringMatching(/^tcs_/) });
    // Shown this once: reading the application back never gives it.
    expect((await admin.get(`/api/admin/apps/oidc/${id}`)).json()).not.toHaveProperty('clientSecret');
    const granted = await client.clientCredentialsGrant(await discover(t.url, id, web.json().clientSecret));
    expect(granted.access_token).toBeTruthy();
    // Web to machine keeps the secret it has.
    const machine = await admin.post(`/api/admin/apps/oidc/${id}`, { kind: 'machine', grantTypes: ['client_credentials'] });
    expect(machine.json()).toMatchObject({ hasSecret: true });
    expect(machine.json()).not.toHaveProperty('clientSecret');
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.updated'), sql`${auditEvents.details}->>'appId' = ${id}`, sql`${auditEvents.details}->>'secret' = 'issued'`));
    expect(audit).toBeTruthy();
  });

  it('drops the secret when a web application becomes a single-page one, and says so in the audit log', async () => {
    const created = await admin.post('/api/admin/apps/oidc', { ...full, name: 'Intranet' });
    const id = created.json().id as string;
    const spa = await admin.post(`/api/admin/apps/oidc/${id}`, { kind: 'spa' });
    expect(spa.statusCode, spa.body).toBe(200);
    expect(spa.json()).toMatchObject({ hasSecret: false });
    expect(spa.json()).not.toHaveProperty('clientSecret');
    await expect(client.clientCredentialsGrant(await discover(t.url, id, created.json().clientSecret))).rejects.toBeTruthy();
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.updated'), sql`${auditEvents.details}->>'appId' = ${id}`));
    expect(rows.map((r) => (r.details as { secret?: string }).secret)).toEqual(['removed']);
  });
});
