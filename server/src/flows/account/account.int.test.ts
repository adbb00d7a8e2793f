import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { password: { maxAgeDays: 90 }, lockout: { maxFailures: 3 } });
});
afterAll(() => t.close());

const NEW = 'a-Different-password-5';

describe('Security → Password', () => {
  it('shows when the password was changed and when it expires', async () => {
    await seedUser(t, { email: 'status@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('status@acme.test', STRONG_PASSWORD);
    const body = (await c.get('/api/me/password')).json();
    const days = (Date.parse(body.expiresAt) - Date.parse(body.changedAt)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect(body.policy.maxAgeDays).toBe(90);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    await seedUser(t, { email: 'change@acme.test', orgs: [acme] });
    const here = t.client();
    const elsewhere = t.client();
    await here.signIn('change@acme.test', STRONG_PASSWORD);
    await elsewhere.signIn('change@acme.test', STRONG_PASSWORD);
    const res = await here.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: NEW });
    expect(res.json()).toEqual({ signedOut: false });
    expect((await here.get('/api/session')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/session')).statusCode).toBe(401);
    expect((await t.client().signIn('change@acme.test', NEW)).statusCode).toBe(200);
    expect((await mailsTo(t, 'change@acme.test'))[0].template).toBe('password_changed');
  });

  it('changes it once when the same change is sent twice at the same moment (a double click)', async () => {
    await seedUser(t, { email: 'twice@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('twice@acme.test', STRONG_PASSWORD);
    const change = () => c.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: NEW });
    const results = await Promise.all([change(), change()]);
    // The second is refused however the two interleave: its current password is no longer
    // current (401), or, read after the first landed, its new one was just used (422).
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.map((r) => r.statusCode === 200 || r.json().error.code)).toEqual(expect.arrayContaining([true, expect.stringMatching(/^password\.(current_invalid|policy)$/)]));
    expect((await mailsTo(t, 'twice@acme.test')).filter((m) => m.template === 'password_changed')).toHaveLength(1);
    expect((await t.client().signIn('twice@acme.test', NEW)).statusCode).toBe(200);
  });

  it('can sign out this session too', async () => {
    await seedUser(t, { email: 'everywhere@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('everywhere@acme.test', STRONG_PASSWORD);
    expect((await c.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: NEW, keepThisSession: false })).json()).toEqual({ signedOut: true });
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses a wrong current password (counting toward the lockout) and a weak new one, changing nothing', async () => {
    await seedUser(t, { email: 'wrong@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('wrong@acme.test', STRONG_PASSWORD);
    const weak = await c.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'short-1' });
    expect(weak.statusCode).toBe(422);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await c.post('/api/me/password', { currentPassword: `nope-${i}-password`, newPassword: NEW })).statusCode);
    expect(codes).toEqual([401, 401, 423]);
    expect((await t.client().signIn('wrong@acme.test', STRONG_PASSWORD)).statusCode).toBe(423);
  });
});

describe('Security → Sessions and devices', () => {
  it('lists my sessions with browser, system and this one marked, and signs out another', async () => {
    await seedUser(t, { email: 'devices@acme.test', orgs: [acme] });
    const laptop = t.client();
    const phone = t.client();
    await laptop.signIn('devices@acme.test', STRONG_PASSWORD);
    await phone.post('/api/auth/sign-in', { email: 'devices@acme.test' }, { headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1' } });
    await phone.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD }, { headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1' } });
    const list = (await laptop.get('/api/me/sessions')).json().items;
    expect(list).toHaveLength(2);
    const iphone = list.find((s: { os: string }) => s.os === 'iOS');
    expect(iphone).toMatchObject({ browser: 'Safari', current: false, ip: phone.ip });
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect((await laptop.delete(`/api/me/sessions/${iphone.id}`, {})).statusCode).toBe(204);
    expect((await phone.get('/api/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/session')).statusCode).toBe(200);
  });

  it("cannot end another user's session", async () => {
    await seedUser(t, { email: 'victim@acme.test', orgs: [acme] });
    await seedUser(t, { email: 'attacker@acme.test', orgs: [acme] });
    const victim = t.client();
    await victim.signIn('victim@acme.test', STRONG_PASSWORD);
    const [own] = (await victim.get('/api/me/sessions')).json().items;
    const attacker = t.client();
    await attacker.signIn('attacker@acme.test', STRONG_PASSWORD);
    expect((await attacker.delete(`/api/me/sessions/${own.id}`, {})).statusCode).toBe(404);
    expect((await attacker.get('/api/me/sessions')).json().items.some((s: { id: string }) => s.id === own.id)).toBe(false);
    expect((await victim.get('/api/session')).statusCode).toBe(200);
  });

  it('signs out every other session at once', async () => {
    await seedUser(t, { email: 'others@acme.test', orgs: [acme] });
    const clients = [t.client(), t.client(), t.client()];
    for (const c of clients) await c.signIn('others@acme.test', STRONG_PASSWORD);
    expect((await clients[0].post('/api/me/sessions/sign-out-others', {})).json()).toEqual({ ended: 2 });
    expect((await clients[1].get('/api/session')).statusCode).toBe(401);
    expect((await clients[0].get('/api/session')).statusCode).toBe(200);
  });
});
