import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { apps, sessions } from '../../db/schema/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A browser whose sign-in happened `minutes` ago. */
async function signedInAgo(email: string, minutes: number, role: 'member' | 'admin' = 'member') {
  const org = await seedOrg(t, `Org ${email}`);
  const user = await seedUser(t, { email, orgs: [org], role });
  const c = t.client();
  await c.signIn(email, STRONG_PASSWORD, { portal: role === 'admin' ? 'admin' : 'user' });
  const age = (ago: number) => t.database.db.update(sessions).set({ authTime: new Date(Date.now() - ago * 60_000) }).where(eq(sessions.userId, user.id));
  // A web application of the organization, made while the sign-in was fresh, whose secret can be rotated.
  const made = role === 'admin' ? await c.post('/api/admin/apps/oidc', { name: 'Payroll', kind: 'web', redirectUris: ['https://payroll.example/cb'] }) : undefined;
  await age(minutes);
  return Object.assign(c, { appId: made?.json().id as string | undefined });
}

describe('sensitive changes need a recent sign-in (SECURITY.md)', () => {
  it.each([
    ['setting up an authenticator app', 'member', '/api/me/mfa/totp', {}],
    ['regenerating recovery codes', 'member', '/api/me/mfa/recovery-codes', {}],
    ['changing the recovery e-mail', 'member', '/api/me/recovery-email', { email: 'me@home.example' }],
    ['creating an API key', 'admin', '/api/admin/api-keys', { name: 'CI' }],
    ['creating an OIDC application that gets a client secret', 'admin', '/api/admin/apps/oidc', { name: 'Wiki', kind: 'web', redirectUris: ['https://wiki.example/cb'] }],
    ['rotating a client secret', 'admin', '/api/admin/apps/oidc/:app/secret', {}],
  ] as const)('refuses %s from a 20-minute-old sign-in, not from a fresh one', async (_what, role, url, body) => {
    const at = (c: { appId?: string }) => url.replace(':app', c.appId ?? '');
    const stale = await signedInAgo(`stale-${url.replaceAll(/[/:]/g, '-')}@acme.test`, 20, role);
    const refused = await stale.post(at(stale), body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.reauthenticate');
    const fresh = await signedInAgo(`fresh-${url.replaceAll(/[/:]/g, '-')}@acme.test`, 1, role);
    const allowed = await fresh.post(at(fresh), body);
    // Past the recency rule (regenerating codes without any factor then fails for its own reason).
    expect(allowed.statusCode === 403 && allowed.json().error.code === 'auth.reauthenticate').toBe(false);
  });
});

describe('client secrets and the recency rule', () => {
  it('leaves a secret alone when refusing a stale rotation, and creates a single-page app (no secret) from any sign-in', async () => {
    const stale = await signedInAgo('stale-spa@acme.test', 20, 'admin');
    const [before] = await t.database.db.select({ protocol: apps.protocol }).from(apps).where(eq(apps.id, stale.appId!));
    expect((await stale.post(`/api/admin/apps/oidc/${stale.appId}/secret`, {})).statusCode).toBe(403);
    const [after] = await t.database.db.select({ protocol: apps.protocol }).from(apps).where(eq(apps.id, stale.appId!));
    expect(after).toEqual(before);
    const spa = await stale.post('/api/admin/apps/oidc', { name: 'Board', kind: 'spa', redirectUris: ['https://board.example/cb'] });
    expect(spa.statusCode, spa.body).toBe(201);
    expect(spa.json().clientSecret).toBeNull();
  });

  it('refuses making an application confidential (which issues a secret) from a stale sign-in, and changes nothing', async () => {
    const stale = await signedInAgo('stale-switch@acme.test', 1, 'admin');
    const spa = (await stale.post('/api/admin/apps/oidc', { name: 'Board', kind: 'spa', redirectUris: ['https://board.example/cb'] })).json().id as string;
    await t.database.db.update(sessions).set({ authTime: new Date(Date.now() - 20 * 60_000) }).where(eq(sessions.userId, (await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.emailCanonical, 'stale-switch@acme.test') }))!.id));
    const refused = await stale.post(`/api/admin/apps/oidc/${spa}`, { kind: 'web' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.reauthenticate');
    expect((await stale.get(`/api/admin/apps/oidc/${spa}`)).json()).toMatchObject({ hasSecret: false, settings: { kind: 'spa' } });
    // A rename needs no recent sign-in: it issues nothing.
    expect((await stale.post(`/api/admin/apps/oidc/${spa}`, { name: 'Board 2' })).statusCode).toBe(200);
  });

  it('lets an API key, which has no sign-in to be recent, rotate a secret (automation does)', async () => {
    const admin = await signedInAgo('key-maker@acme.test', 1, 'admin');
    const key = (await admin.post('/api/admin/api-keys', { name: 'CI' })).json().key as string;
    const rotated = await t.client().post(`/api/admin/apps/oidc/${admin.appId}/secret`, {}, { headers: { authorization: `Bearer ${key}` } });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().clientSecret).toMatch(/^tcs_/);
  });
});
