import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, type TestApp } from '../../../test/harness.ts';
import { users, sessions, auditEvents, flows } from '../../db/schema/index.ts';
import { hashPassword } from '../../domain/credentials/password-hash.ts';
import { getLockState, lockoutKey } from '../../domain/lockout/lockout-store.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let globex: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme Corp');
  globex = await seedOrg(t, 'Globex');
  await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
  await seedUser(t, { email: 'multi@acme.test', orgs: [acme, globex] });
  await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin' });
});
afterAll(() => t.close());

describe('sign-in flow (identifier first)', () => {
  it('signs a one-organization member straight in and opens a session', async () => {
    const c = t.client();
    const start = await c.post('/api/auth/sign-in', { email: 'Ada@Acme.test ' });
    expect(start.statusCode).toBe(200);
    expect(start.json()).toEqual({ step: 'password', email: 'Ada@Acme.test', portal: 'user' });
    const done = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(done.json()).toEqual({ step: 'done', redirectTo: '/', rememberEmailDays: 30 });
    const session = await c.get('/api/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { email: 'ada@acme.test', initials: 'AL' }, organization: { slug: 'acme-corp' }, amr: ['pwd'] });
  });

  it('gives unknown e-mail and wrong password the same status, body and next step', async () => {
    const a = t.client();
    const b = t.client();
    const startA = await a.post('/api/auth/sign-in', { email: 'nobody@acme.test' });
    const startB = await b.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    expect(startA.json().step).toBe(startB.json().step);
    const wrongA = await a.post('/api/auth/sign-in/password', { password: 'not-the-password-1' });
    const wrongB = await b.post('/api/auth/sign-in/password', { password: 'not-the-password-1' });
    expect(wrongA.statusCode).toBe(401);
    expect(wrongA.statusCode).toBe(wrongB.statusCode);
    expect(wrongA.json()).toEqual(wrongB.json());
    expect(wrongA.json().error.code).toBe('sign_in.invalid_credentials');
  });

  it('shows the organization chooser to a member of several organizations', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'multi@acme.test' });
    const step = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(step.json()).toMatchObject({ step: 'choose_org', organizations: [{ slug: 'acme-corp', name: 'Acme Corp' }, { slug: 'globex', name: 'Globex' }] });
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const done = await c.post('/api/auth/sign-in/organization', { slug: 'globex' });
    expect(done.json().step).toBe('done');
    expect((await c.get('/api/session')).json().organization.slug).toBe('globex');
    const sw = await c.post('/api/session/organization', { slug: 'acme-corp' });
    expect(sw.statusCode).toBe(204);
    expect((await c.get('/api/session')).json().organization.slug).toBe('acme-corp');
  });

  it('does not switch a session without MFA into an organization that requires it', async () => {
    const strict = await seedOrg(t, 'Strict', { mfa: { mode: 'required' } });
    const open = await seedOrg(t, 'Open');
    await seedUser(t, { email: 'switcher@acme.test', orgs: [open, strict] });
    const c = t.client();
    await c.signIn('switcher@acme.test', STRONG_PASSWORD, { org: 'open' });
    expect((await c.get('/api/session')).json().organization.slug).toBe('open');
    const sw = await c.post('/api/session/organization', { slug: 'strict' });
    expect(sw.statusCode).toBe(403);
    expect(sw.json().error.code).toBe('auth.reauthenticate');
    expect((await c.get('/api/session')).json().organization.slug).toBe('open');
  });

  it('refuses an organization the person does not belong to', async () => {
    const other = await seedOrg(t, 'Initech');
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'multi@acme.test' });
    await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    const res = await c.post('/api/auth/sign-in/organization', { slug: other.slug });
    expect(res.statusCode).toBe(404);
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses skipping the password step and replaying a finished one', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'multi@acme.test' });
    const skip = await c.post('/api/auth/sign-in/organization', { slug: 'acme-corp' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('sign_in.wrong_step');
    await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    const replay = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(replay.json().error.code).toBe('sign_in.wrong_step');
  });

  it('refuses a step without a flow, and a finished flow cannot open a second session', async () => {
    const c = t.client();
    const none = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('sign_in.no_flow');
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const again = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(again.json().error.code).toBe('sign_in.no_flow');
  });

  it('writes nothing for "Continue": the start travels sealed, and a tampered one is no flow', async () => {
    const [{ before }] = await t.database.db.select({ before: sql<number>`count(*)::int` }).from(flows);
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    const [{ after }] = await t.database.db.select({ after: sql<number>`count(*)::int` }).from(flows);
    expect(after).toBe(before);
    const token = c.cookies.get('tessera_flow')!;
    expect(token).not.toContain('ada@acme.test');
    c.cookies.set('tessera_flow', token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
    const tampered = await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD });
    expect(tampered.json().error.code).toBe('sign_in.no_flow');
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('treats a replayed sealed start as a new start: the password is asked again and a wrong one counts', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    const start = c.cookies.get('tessera_flow')!;
    expect((await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().step).toBe('done');
    const replay = t.client();
    replay.cookies.set('tessera_flow', start);
    const wrong = await replay.post('/api/auth/sign-in/password', { password: 'not-the-password-1' });
    expect(wrong.json().error.code).toBe('sign_in.invalid_credentials');
    expect((await getLockState(t.database.db, lockoutKey('ada@acme.test'))).failures).toBe(1);
    expect((await replay.get('/api/session')).statusCode).toBe(401);
    // The right password clears the count: a replayed start is exactly a new one.
    expect((await replay.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().step).toBe('done');
    expect((await getLockState(t.database.db, lockoutKey('ada@acme.test'))).failures).toBe(0);
  });

  it('keeps the time the start had left once the flow is stored (the organization chooser)', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'multi@acme.test' });
    const startedAt = Date.now();
    expect((await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().step).toBe('choose_org');
    expect(c.cookies.get('tessera_flow')).not.toMatch(/^sealed\./);
    const [row] = await t.database.db.select().from(flows).orderBy(sql`${flows.createdAt} desc`).limit(1);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(startedAt + 15 * 60_000);
    expect(row.expiresAt.getTime()).toBeGreaterThan(startedAt + 14 * 60_000);
  });

  it('lets the Change link abandon the flow', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    expect((await c.get('/api/auth/sign-in')).json().step).toBe('password');
    expect((await c.delete('/api/auth/sign-in')).statusCode).toBe(204);
    expect((await c.get('/api/auth/sign-in')).json().error.code).toBe('sign_in.no_flow');
  });

  it('keeps only same-origin return paths', async () => {
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test', returnTo: '//evil.example/x' });
    expect((await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().redirectTo).toBe('/');
    const d = t.client();
    await d.post('/api/auth/sign-in', { email: 'ada@acme.test', returnTo: '/invite' });
    expect((await d.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().redirectTo).toBe('/invite');
  });

  it('stores a start too long for a cookie (a long return path) and signs in all the same', async () => {
    const c = t.client();
    const returnTo = `/apps?${'é'.repeat(2000)}`;
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test', returnTo });
    expect(c.cookies.get('tessera_flow')).not.toMatch(/^sealed\./);
    expect((await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().redirectTo).toBe(`/apps?${'%C3%A9'.repeat(2000)}`);
  });

  it('logs out on the server: the old cookie no longer works', async () => {
    const c = t.client();
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const stolen = new Map(c.cookies);
    // An unknown portal is refused and changes nothing: still signed in.
    const refused = await c.post('/api/auth/logout', { portal: 'everywhere' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('request.invalid');
    expect((await c.get('/api/session')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout', {})).json()).toEqual({ redirectTo: '/login' });
    const replay = t.client();
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect((await replay.get('/api/session')).statusCode).toBe(401);
  });

  it('stores only a hash of the session id', async () => {
    const c = t.client();
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const cookie = c.cookies.get('tessera_session')!;
    const rows = await t.database.db.select({ h: sessions.tokenHash }).from(sessions);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows.some((r) => r.h === cookie)).toBe(false);
  });

  it('writes sign-in successes and failures to the audit log', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const c = t.client();
    await c.signIn('ada@acme.test', 'wrong-password-here');
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const rows = await t.database.db.select().from(auditEvents).orderBy(auditEvents.at);
    const fresh = rows.slice(before[0].n);
    expect(fresh.map((r) => [r.event, r.outcome])).toEqual([
      ['sign_in.password', 'failure'],
      ['sign_in', 'success'],
    ]);
    expect(fresh[1]).toMatchObject({ orgId: acme.id, userAgent: 'tessera-tests' });
    await expect(t.database.db.delete(auditEvents)).rejects.toThrow();
  });
});

describe('administrator portal login', () => {
  it('admits an administrator and lands on /admin', async () => {
    const c = t.client();
    const res = await c.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    expect(res.json()).toEqual({ step: 'done', redirectTo: '/admin', rememberEmailDays: 30 });
  });

  it('refuses a member who is not an administrator, with no session', async () => {
    const c = t.client();
    const res = await c.signIn('ada@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.not_admin');
    expect((await c.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses the admin API to a member', async () => {
    const c = t.client();
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const res = await c.post('/api/admin/invitations', { email: 'x@acme.test' });
    expect(res.statusCode).toBe(403);
  });
});

describe('expired and required password change', () => {
  it('makes a person with an expired password choose a new one before the portal', async () => {
    const strict = await seedOrg(t, 'Strict Co', { password: { maxAgeDays: 30 } });
    const user = await seedUser(t, { email: 'old@strict.test', orgs: [strict] });
    await t.database.db.update(users).set({ passwordChangedAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(users.id, user.id));
    const c = t.client();
    const step = await c.signIn('old@strict.test', STRONG_PASSWORD);
    expect(step.json()).toMatchObject({ step: 'change_password', reason: 'expired', policy: { maxAgeDays: 30 } });
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const reused = await c.post('/api/auth/sign-in/new-password', { password: STRONG_PASSWORD });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.rules).toEqual(['history']);
    const weak = await c.post('/api/auth/sign-in/new-password', { password: 'password123' });
    expect(weak.json().error.rules).toContain('common');
    const done = await c.post('/api/auth/sign-in/new-password', { password: 'a-Fresh-password-2026' });
    expect(done.json()).toEqual({ step: 'done', redirectTo: '/', rememberEmailDays: 30 });
    expect((await c.get('/api/session')).statusCode).toBe(200);
    expect((await mailsTo(t, 'old@strict.test'))[0].template).toBe('password_changed');
  });

  it('makes a person marked by an administrator change their password', async () => {
    const user = await seedUser(t, { email: 'forced@acme.test', orgs: [acme] });
    await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    const c = t.client();
    expect((await c.signIn('forced@acme.test', STRONG_PASSWORD)).json()).toMatchObject({ step: 'change_password', reason: 'required' });
  });

  it('rehashes a password stored with older argon2 parameters on sign-in', async () => {
    const user = await seedUser(t, { email: 'legacy@acme.test', orgs: [acme] });
    const legacy = await hashPassword(STRONG_PASSWORD, { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await t.database.db.update(users).set({ passwordHash: legacy }).where(eq(users.id, user.id));
    await t.client().signIn('legacy@acme.test', STRONG_PASSWORD);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
