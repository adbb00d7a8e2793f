import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, PUBLIC_URL, type TestApp } from '../../../test/harness.ts';
import { SoftAuthenticator } from '../../../test/soft-authenticator.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
});
afterAll(() => t.close());

/** Signs in with a password and registers a software authenticator through the portal API. */
async function withKey(email: string) {
  await seedUser(t, { email, orgs: [acme] });
  const c = t.client();
  await c.signIn(email, STRONG_PASSWORD);
  const key = new SoftAuthenticator();
  const { options, challengeId } = (await c.post('/api/me/mfa/webauthn/options', {})).json();
  expect(options.rp.id).toBe('localhost');
  const registered = await c.post('/api/me/mfa/webauthn', { challengeId, name: 'YubiKey', response: key.register(options, PUBLIC_URL) });
  expect(registered.statusCode).toBe(201);
  expect(registered.json().factor).toMatchObject({ type: 'webauthn', name: 'YubiKey', passkey: true });
  return { c, key };
}

async function verifyStep(email: string) {
  const c = t.client();
  expect((await c.signIn(email, STRONG_PASSWORD)).json()).toMatchObject({ step: 'verify_identity', methods: ['webauthn', 'recovery_code'] });
  const options = (await c.post('/api/auth/sign-in/webauthn-options', {})).json();
  return { c, options };
}

describe('security key as a second factor', () => {
  it('signs in with password + key; the session records hwk', async () => {
    const { key } = await withKey('key@acme.test');
    const { c, options } = await verifyStep('key@acme.test');
    const done = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(options, PUBLIC_URL) });
    expect(done.json().step).toBe('done');
    expect((await c.get('/api/session')).json().amr).toEqual(['pwd', 'hwk', 'mfa']);
  });

  it.each([
    ['a foreign origin', (key: SoftAuthenticator, o: never) => key.assert(o, 'https://evil.example')],
    ['a wrong challenge', (key: SoftAuthenticator, o: { challenge: string }) => key.assert({ ...o, challenge: 'AAAAAAAAAAAAAAAAAAAAAA' }, PUBLIC_URL)],
    ['a tampered signature', (key: SoftAuthenticator, o: never) => key.assert(o, PUBLIC_URL, { tamper: true })],
  ])('refuses %s and changes nothing', async (name, forge) => {
    const email = `forge-${name.replaceAll(' ', '-')}@acme.test`;
    const { key } = await withKey(email);
    const { c, options } = await verifyStep(email);
    const res = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: forge(key, options as never) });
    expect(res.statusCode).toBe(401);
    expect((await c.get('/api/session')).statusCode).toBe(401);
    // The real assertion still works afterwards.
    const fresh = (await c.post('/api/auth/sign-in/webauthn-options', {})).json();
    expect((await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(fresh, PUBLIC_URL) })).json().step).toBe('done');
  });

  it('refuses a cloned key whose signature counter goes backwards', async () => {
    const { key } = await withKey('clone@acme.test');
    const first = await verifyStep('clone@acme.test');
    expect((await first.c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(first.options, PUBLIC_URL) })).json().step).toBe('done');
    key.credentials[0].counter = 0; // a copy of the key, still at its first count
    const second = await verifyStep('clone@acme.test');
    const res = await second.c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(second.options, PUBLIC_URL) });
    expect(res.statusCode).toBe(401);
    expect((await second.c.get('/api/session')).statusCode).toBe(401);
  });

  it('renames and removes a key; another person cannot touch it', async () => {
    const { c } = await withKey('manage@acme.test');
    const [factor] = (await c.get('/api/me/mfa')).json().factors;
    expect((await c.post(`/api/me/mfa/factors/${factor.id}/name`, { name: 'Work key' })).statusCode).toBe(204);
    expect((await c.get('/api/me/mfa')).json().factors[0].name).toBe('Work key');
    const { c: other } = await withKey('other-manage@acme.test');
    expect((await other.post(`/api/me/mfa/factors/${factor.id}/name`, { name: 'Mine now' })).statusCode).toBe(404);
    expect((await other.delete(`/api/me/mfa/factors/${factor.id}`)).statusCode).toBe(404);
    expect((await c.delete(`/api/me/mfa/factors/${factor.id}`)).statusCode).toBe(204);
    expect((await c.get('/api/me/mfa')).json().factors).toEqual([]);
  });

  it('spends the challenge on a failed answer: the next try needs new options', async () => {
    const { key } = await withKey('spent@acme.test');
    const { c, options } = await verifyStep('spent@acme.test');
    expect((await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(options, PUBLIC_URL, { tamper: true }) })).statusCode).toBe(401);
    // A good assertion over the spent challenge no longer counts.
    expect((await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: key.assert(options, PUBLIC_URL) })).statusCode).toBe(401);
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('uses a challenge once', async () => {
    const { key } = await withKey('once@acme.test');
    const { c, options } = await verifyStep('once@acme.test');
    const assertion = key.assert(options, PUBLIC_URL);
    expect((await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: assertion })).json().step).toBe('done');
    const { c: again } = await verifyStep('once@acme.test');
    expect((await again.post('/api/auth/sign-in/verify', { method: 'webauthn', response: assertion })).statusCode).toBe(401);
  });

  it("refuses another user's key", async () => {
    const { key: alice } = await withKey('alice@acme.test');
    await withKey('bob@acme.test');
    const { c, options } = await verifyStep('bob@acme.test');
    const res = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: alice.assert({ ...options, allowCredentials: [] }, PUBLIC_URL) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses malformed and huge payloads with a clear error', async () => {
    const { c } = await verifyStep('key@acme.test');
    const malformed = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'not base64 json' } } });
    expect(malformed.statusCode).toBe(401);
    const wrongShape = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: 'nope' });
    expect(wrongShape.statusCode).toBe(400);
    const huge = await c.post('/api/auth/sign-in/verify', { method: 'webauthn', response: { id: 'x', rawId: 'x', type: 'public-key', response: { attestationObject: 'A'.repeat(200_000) } } });
    expect(huge.statusCode).toBe(413);
  });

  it('refuses a malformed attestation at registration, adding nothing', async () => {
    await seedUser(t, { email: 'badreg@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('badreg@acme.test', STRONG_PASSWORD);
    const { options, challengeId } = (await c.post('/api/me/mfa/webauthn/options', {})).json();
    const good = new SoftAuthenticator().register(options, PUBLIC_URL);
    const broken = { ...good, response: { ...good.response, attestationObject: 'AAAA' } };
    const res = await c.post('/api/me/mfa/webauthn', { challengeId, name: 'Broken', response: broken });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('mfa.webauthn_failed');
    expect((await c.get('/api/me/mfa')).json().factors).toEqual([]);
  });
});

describe('passwordless sign-in with a passkey', () => {
  it('signs in without e-mail or password, with a session re-verified after 12 hours', async () => {
    const { key } = await withKey('passkey@acme.test');
    const c = t.client();
    const options = (await c.post('/api/auth/passkey/options', {})).json();
    expect(options.userVerification).toBe('required');
    expect(options.allowCredentials ?? []).toEqual([]);
    const done = await c.post('/api/auth/passkey', { response: key.assert(options, PUBLIC_URL) });
    expect(done.json()).toEqual({ step: 'done', redirectTo: '/', rememberEmailDays: 30 });
    const session = (await c.get('/api/session')).json();
    expect(session.user.email).toBe('passkey@acme.test');
    expect(session.amr).toEqual(['hwk', 'user', 'mfa']);
    const row = await t.database.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.userId, session.user.id), orderBy: (s, { desc }) => desc(s.createdAt) });
    expect(Math.round((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000)).toBe(12);
  });

  it('is refused while the account is locked, like every other door', async () => {
    const { key } = await withKey('locked-pk@acme.test');
    const bad = t.client();
    for (let i = 0; i < 10; i++) await bad.signIn('locked-pk@acme.test', 'wrong-Password-0');
    const c = t.client();
    const options = (await c.post('/api/auth/passkey/options', {})).json();
    const res = await c.post('/api/auth/passkey', { response: key.assert(options, PUBLIC_URL) });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('sign_in.locked');
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('requires user verification', async () => {
    const { key } = await withKey('nouv@acme.test');
    const c = t.client();
    const options = (await c.post('/api/auth/passkey/options', {})).json();
    expect((await c.post('/api/auth/passkey', { response: key.assert(options, PUBLIC_URL, { userVerified: false }) })).statusCode).toBe(400);
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('is refused where the organization turned passwordless off', async () => {
    const closed = await seedOrg(t, 'Closed', { mfa: { passwordless: false } });
    await seedUser(t, { email: 'closed@closed.test', orgs: [closed] });
    const c = t.client();
    await c.signIn('closed@closed.test', STRONG_PASSWORD);
    const { options: reg, challengeId } = (await c.post('/api/me/mfa/webauthn/options', {})).json();
    const key = new SoftAuthenticator();
    await c.post('/api/me/mfa/webauthn', { challengeId, name: 'Laptop', response: key.register(reg, PUBLIC_URL) });
    const p = t.client();
    const options = (await p.post('/api/auth/passkey/options', {})).json();
    const res = await p.post('/api/auth/passkey', { response: key.assert(options, PUBLIC_URL) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('sign_in.passwordless_disabled');
  });
});
