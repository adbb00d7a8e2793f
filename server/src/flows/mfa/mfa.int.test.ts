import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, type TestApp, type TestClient } from '../../../test/harness.ts';
import { auditEvents, memberships, mfaFactors, recoveryCodes, sessions, users } from '../../db/schema/index.ts';
import { hashRecoveryCode } from '../../domain/mfa/recovery-codes.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { lockout: { maxFailures: 4 } });
});
afterAll(() => t.close());

/** Codes from Debian's oathtool, a real peer: `oathtool --totp -b KEY [--now TIME]`. */
const oathtool = (key: string, now?: string) => execFileSync('oathtool', ['--totp', '-b', key, ...(now ? ['--now', now] : [])], { encoding: 'utf8' }).trim();
const isoAt = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** Signs in, enrols an authenticator app through the portal API, returns its key and recovery codes. */
async function enrolTotp(email: string) {
  await seedUser(t, { email, orgs: [acme] });
  const c = t.client();
  await c.signIn(email, STRONG_PASSWORD);
  const setup = await c.post('/api/me/mfa/totp', {});
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUri, qrSvg } = setup.json();
  expect(otpauthUri).toContain(`secret=${secret}`);
  expect(qrSvg).toMatch(/^<svg/);
  // The previous step's code (the current one stays unused for the sign-in that follows): not in a
  // step's last two seconds, or the server's clock would already count it two steps back.
  if (Date.now() % 30_000 > 28_000) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
  const confirmed = await c.post('/api/me/mfa/totp/confirm', { code: oathtool(secret, isoAt(-30)) });
  expect(confirmed.statusCode).toBe(200);
  return { c, secret: secret as string, codes: confirmed.json().recoveryCodes as string[] };
}

async function toVerifyStep(email: string): Promise<TestClient> {
  const c = t.client();
  const res = await c.signIn(email, STRONG_PASSWORD);
  expect(res.json()).toMatchObject({ step: 'verify_identity', methods: expect.arrayContaining(['totp', 'recovery_code']) });
  return c;
}

describe('authenticator app (TOTP)', () => {
  it('accepts a code from oathtool after the password, and opens a session with otp+mfa', async () => {
    const { secret, codes } = await enrolTotp('totp@acme.test');
    expect(codes).toHaveLength(10);
    const c = await toVerifyStep('totp@acme.test');
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const done = await c.post('/api/auth/sign-in/verify', { method: 'totp', code: oathtool(secret) });
    expect(done.json()).toEqual({ step: 'done', redirectTo: '/', rememberEmailDays: 30 });
    expect((await c.get('/api/session')).json().amr).toEqual(['pwd', 'otp', 'mfa']);
  });

  it('never accepts a code twice, and refuses codes outside ±1 step', async () => {
    const { secret } = await enrolTotp('replay@acme.test');
    const code = oathtool(secret, isoAt(30));
    const first = await toVerifyStep('replay@acme.test');
    expect((await first.post('/api/auth/sign-in/verify', { method: 'totp', code })).statusCode).toBe(200);
    const second = await toVerifyStep('replay@acme.test');
    const replay = await second.post('/api/auth/sign-in/verify', { method: 'totp', code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('mfa.code_invalid');
    expect((await second.post('/api/auth/sign-in/verify', { method: 'totp', code: oathtool(secret, isoAt(-120)) })).statusCode).toBe(401);
    expect((await second.post('/api/auth/sign-in/verify', { method: 'totp', code: oathtool(secret, isoAt(120)) })).statusCode).toBe(401);
  });

  it('keeps the secret sealed at rest and never returns it after set-up', async () => {
    const { c, secret } = await enrolTotp('sealed@acme.test');
    const rows = await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.type, 'totp'));
    expect(rows.every((r) => !r.totpSecretSealed?.includes(secret))).toBe(true);
    const mine = await c.get('/api/me/mfa');
    expect(JSON.stringify(mine.json())).not.toContain(secret);
    expect(mine.json().factors).toMatchObject([{ type: 'totp', name: 'Authenticator app' }]);
  });

  it('names the app in the language its set-up was shown in, until its owner renames it', async () => {
    await seedUser(t, { email: 'francais@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('francais@acme.test', STRONG_PASSWORD);
    const { secret } = (await c.post('/api/me/mfa/totp', {}, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })).json();
    if (Date.now() % 30_000 > 28_000) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
    expect((await c.post('/api/me/mfa/totp/confirm', { code: oathtool(secret, isoAt(-30)) })).statusCode).toBe(200);
    expect((await c.get('/api/me/mfa')).json().factors).toMatchObject([{ type: 'totp', name: "Application d'authentification" }]);
  });

  it('does not activate the factor without a correct code', async () => {
    await seedUser(t, { email: 'unconfirmed@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('unconfirmed@acme.test', STRONG_PASSWORD);
    await c.post('/api/me/mfa/totp', {});
    expect((await c.post('/api/me/mfa/totp/confirm', { code: '000000' })).statusCode).toBe(401);
    expect((await t.client().signIn('unconfirmed@acme.test', STRONG_PASSWORD)).json().step).toBe('done');
  });

  it('refuses skipping the second factor by calling a later step', async () => {
    await enrolTotp('skip@acme.test');
    const c = await toVerifyStep('skip@acme.test');
    expect((await c.post('/api/auth/sign-in/new-password', { password: 'whatever-Password-1' })).json().error.code).toBe('sign_in.wrong_step');
    expect((await c.post('/api/auth/sign-in/recovery-codes', { saved: true })).json().error.code).toBe('sign_in.wrong_step');
    expect((await c.get('/api/session')).statusCode).toBe(401);
    expect((await c.get('/api/me/mfa')).statusCode).toBe(401);
  });

  it('counts failed codes toward the lockout', async () => {
    await enrolTotp('lockmfa@acme.test');
    const c = await toVerifyStep('lockmfa@acme.test');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await c.post('/api/auth/sign-in/verify', { method: 'totp', code: String(100000 + i) })).statusCode);
    expect(codes).toEqual([401, 401, 401, 423]);
    expect((await t.client().signIn('lockmfa@acme.test', STRONG_PASSWORD)).statusCode).toBe(423);
    // Locked by a code as by a password: the organization sees it, the person is told once.
    const [person] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'lockmfa@acme.test'));
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'account.locked'), eq(auditEvents.targetUserId, person.id)))).toMatchObject([{ orgId: acme.id }]);
    expect((await mailsTo(t, 'lockmfa@acme.test')).filter((m) => m.template === 'account_locked')).toHaveLength(1);
  });

  it('keeps counting wrong codes across sign-ins: knowing the password does not reset the count', async () => {
    const { secret } = await enrolTotp('guess@acme.test');
    const wrong = async (c: TestClient) => (await c.post('/api/auth/sign-in/verify', { method: 'totp', code: '000000' === oathtool(secret) ? '111111' : '000000' })).statusCode;
    const statuses = [];
    for (const _ of [1, 2]) {
      const c = await toVerifyStep('guess@acme.test');
      statuses.push(await wrong(c), await wrong(c));
    }
    // Two codes per sign-in, the password right each time: the fourth wrong code locks (maxFailures 4).
    expect(statuses).toEqual([401, 401, 401, 423]);
    expect((await t.client().signIn('guess@acme.test', STRONG_PASSWORD)).statusCode).toBe(423);
  });

  it('clears the count once a sign-in completes with both factors', async () => {
    const { secret } = await enrolTotp('clears@acme.test');
    const first = await toVerifyStep('clears@acme.test');
    for (let i = 0; i < 3; i++) expect((await first.post('/api/auth/sign-in/verify', { method: 'totp', code: String(200000 + i) })).statusCode).toBe(401);
    expect((await first.post('/api/auth/sign-in/verify', { method: 'totp', code: oathtool(secret) })).statusCode).toBe(200);
    const next = await toVerifyStep('clears@acme.test');
    expect((await next.post('/api/auth/sign-in/verify', { method: 'totp', code: '000000' === oathtool(secret) ? '111111' : '000000' })).statusCode).toBe(401);
  });
});

describe('recovery codes', () => {
  it('stand in for the factor once each, are stored hashed, and die when regenerated', async () => {
    const { c: owner, codes } = await enrolTotp('codes@acme.test');
    const rows = await t.database.db.select().from(recoveryCodes);
    expect(rows.some((r) => codes.includes(r.codeHash))).toBe(false);

    const a = await toVerifyStep('codes@acme.test');
    expect((await a.post('/api/auth/sign-in/verify', { method: 'recovery_code', code: codes[0].toLowerCase() })).json().step).toBe('done');
    // A code used once is no habit to offer first next time: the app stays the first choice.
    const next = await t.client().signIn('codes@acme.test', STRONG_PASSWORD);
    expect(next.json().lastUsed).not.toBe('recovery_code');
    const b = await toVerifyStep('codes@acme.test');
    expect((await b.post('/api/auth/sign-in/verify', { method: 'recovery_code', code: codes[0] })).statusCode).toBe(401);
    expect((await owner.get('/api/me/mfa')).json().recoveryCodesLeft).toBe(9);

    const fresh = (await owner.post('/api/me/mfa/recovery-codes', {})).json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    const d = await toVerifyStep('codes@acme.test');
    expect((await d.post('/api/auth/sign-in/verify', { method: 'recovery_code', code: codes[1] })).statusCode).toBe(401);
    expect((await d.post('/api/auth/sign-in/verify', { method: 'recovery_code', code: fresh[1] })).json().step).toBe('done');
  });

  it('go with the last factor: removed, they no longer stand in for anything', async () => {
    const { c, codes } = await enrolTotp('last-one@acme.test');
    const [factor] = (await c.get('/api/me/mfa')).json().factors;
    expect((await c.delete(`/api/me/mfa/factors/${factor.id}`, {})).statusCode).toBe(204);
    expect((await c.get('/api/me/mfa')).json()).toMatchObject({ factors: [], recoveryCodesLeft: 0 });
    const [person] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'last-one@acme.test'));
    expect(await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toHaveLength(0);
    const [removed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.removed'), eq(auditEvents.targetUserId, person.id)));
    expect(removed.details).toMatchObject({ type: 'totp', name: 'Authenticator app', last: true });
    // Even a code that survived somehow proves nothing for a step-up without a factor behind it.
    await t.database.db.insert(recoveryCodes).values({ userId: person.id, codeHash: hashRecoveryCode(codes[0]) });
    const stepUp = await c.post('/api/me/step-up', { answer: { method: 'recovery_code', code: codes[0] } });
    expect(stepUp.statusCode).toBe(401);
    expect(await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toHaveLength(1);
  });

  it('a code used by thirty parallel requests works exactly once', async () => {
    const { codes } = await enrolTotp('parallel-codes@acme.test');
    const clients = await Promise.all(Array.from({ length: 5 }, () => toVerifyStep('parallel-codes@acme.test')));
    const results = await Promise.all(clients.map((c) => c.post('/api/auth/sign-in/verify', { method: 'recovery_code', code: codes[2] })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });
});

describe('required MFA', () => {
  it('leads a person without a factor through set-up right after the password', async () => {
    const strict = await seedOrg(t, 'Strict', { mfa: { mode: 'required' } });
    await seedUser(t, { email: 'new@strict.test', orgs: [strict] });
    const c = t.client();
    const step = await c.signIn('new@strict.test', STRONG_PASSWORD);
    expect(step.json()).toMatchObject({ step: 'mfa_setup', methods: ['totp', 'webauthn'] });
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const started = await c.post('/api/auth/sign-in/mfa-setup', { action: 'start_totp' });
    const { secret, issuer } = started.json().totp;
    expect(issuer).toBe('Strict');
    const codes = await c.post('/api/auth/sign-in/mfa-setup', { action: 'confirm_totp', code: oathtool(secret) });
    expect(codes.json()).toMatchObject({ step: 'recovery_codes' });
    expect(codes.json().codes).toHaveLength(10);
    const done = await c.post('/api/auth/sign-in/recovery-codes', { saved: true });
    expect(done.json().step).toBe('done');
    expect((await c.get('/api/session')).json().amr).toEqual(['pwd', 'otp', 'mfa']);
    // A factor added during a sign-in is news to its owner like one added on the Security page.
    expect((await mailsTo(t, 'new@strict.test')).map((m) => m.template)).toContain('mfa_changed');
    const [person] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'new@strict.test'));
    const [enrolled] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.enrolled'), eq(auditEvents.targetUserId, person.id)));
    expect(enrolled).toMatchObject({ orgId: strict.id, details: { type: 'totp', via: 'sign_in' } });
  });

  it('keeps each set-up to where it started: a sign-in never shows or confirms the secret of the Security page, nor does another session', async () => {
    const grace = await seedOrg(t, 'Two Doors', { mfa: { mode: 'required', graceSignIns: 1 } });
    await seedUser(t, { email: 'doors@two.test', orgs: [grace] });
    const portal = t.client();
    expect((await portal.signIn('doors@two.test', STRONG_PASSWORD)).json().step).toBe('done');
    const mine = (await portal.post('/api/me/mfa/totp', {})).json().secret as string;

    const signIn = t.client();
    const step = (await signIn.signIn('doors@two.test', STRONG_PASSWORD)).json();
    expect(step.step).toBe('mfa_setup');
    expect(step.totp).toBeUndefined();
    const stolen = await signIn.post('/api/auth/sign-in/mfa-setup', { action: 'confirm_totp', code: oathtool(mine) });
    expect(stolen.json().error.code).toBe('mfa.no_pending_setup');
    const theirs = (await signIn.post('/api/auth/sign-in/mfa-setup', { action: 'start_totp' })).json().totp.secret as string;
    expect(theirs).not.toBe(mine);

    const otherTab = t.client();
    await t.database.db.update(users).set({ mfaGraceUsed: 0 }).where(eq(users.emailCanonical, 'doors@two.test'));
    expect((await otherTab.signIn('doors@two.test', STRONG_PASSWORD)).json().step).toBe('done');
    expect((await otherTab.post('/api/me/mfa/totp/confirm', { code: oathtool(mine) })).json().error.code).toBe('mfa.no_pending_setup');
    expect((await portal.post('/api/me/mfa/totp/confirm', { code: oathtool(theirs) })).statusCode).toBe(401);

    expect((await portal.post('/api/me/mfa/totp/confirm', { code: oathtool(mine) })).statusCode).toBe(200);
    // One authenticator app per person: the sign-in's set-up cannot finish a second one.
    expect((await signIn.post('/api/auth/sign-in/mfa-setup', { action: 'confirm_totp', code: oathtool(theirs) })).statusCode).toBe(409);
    expect((await portal.get('/api/me/mfa')).json().factors).toHaveLength(1);
  });

  it('renames only a confirmed factor, and audits the new name', async () => {
    const { c } = await enrolTotp('rename@acme.test');
    const [factor] = (await c.get('/api/me/mfa')).json().factors;
    expect((await c.post(`/api/me/mfa/factors/${factor.id}/name`, { name: 'Work phone' })).statusCode).toBe(204);
    const [person] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'rename@acme.test'));
    const [renamed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.renamed'), eq(auditEvents.targetUserId, person.id)));
    expect(renamed.details).toEqual({ type: 'totp', from: 'Authenticator app', to: 'Work phone' });
    const [pending] = await t.database.db.insert(mfaFactors).values({ userId: person.id, type: 'totp', name: 'Half set up' }).returning();
    expect((await c.post(`/api/me/mfa/factors/${pending.id}/name`, { name: 'Sneaky' })).statusCode).toBe(404);
  });

  it('allows the configured grace sign-ins, then requires set-up', async () => {
    const grace = await seedOrg(t, 'Grace', { mfa: { mode: 'required', graceSignIns: 1 } });
    await seedUser(t, { email: 'late@grace.test', orgs: [grace] });
    expect((await t.client().signIn('late@grace.test', STRONG_PASSWORD)).json().step).toBe('done');
    expect((await t.client().signIn('late@grace.test', STRONG_PASSWORD)).json().step).toBe('mfa_setup');
  });

  it('refuses removing the last factor', async () => {
    const strict = await seedOrg(t, 'Strict Two', { mfa: { mode: 'required' } });
    await seedUser(t, { email: 'keep@strict.test', orgs: [strict] });
    const c = t.client();
    const started = await c.signIn('keep@strict.test', STRONG_PASSWORD);
    expect(started.json().step).toBe('mfa_setup');
    const { secret } = (await c.post('/api/auth/sign-in/mfa-setup', { action: 'start_totp' })).json().totp;
    await c.post('/api/auth/sign-in/mfa-setup', { action: 'confirm_totp', code: oathtool(secret) });
    await c.post('/api/auth/sign-in/recovery-codes', { saved: true });
    const [factor] = (await c.get('/api/me/mfa')).json().factors;
    const res = await c.delete(`/api/me/mfa/factors/${factor.id}`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('mfa.last_factor_required');
  });
});

describe('administrator', () => {
  it('sees factors without secrets and resets them; the user is told and sets up again', async () => {
    await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin' });
    const { secret } = await enrolTotp('reset-me@acme.test');
    const admin = t.client();
    await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    const users = await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.emailCanonical, 'reset-me@acme.test') });
    const factors = await admin.get(`/api/admin/users/${users!.id}/factors`);
    expect(factors.json().items).toMatchObject([{ type: 'totp' }]);
    expect(JSON.stringify(factors.json())).not.toContain(secret);
    expect((await admin.post(`/api/admin/users/${users!.id}/mfa/reset`, {})).statusCode).toBe(204);
    expect((await mailsTo(t, 'reset-me@acme.test'))[0].template).toBe('mfa_reset');
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.reset'), eq(auditEvents.targetUserId, users!.id)));
    expect(audit).toMatchObject({ orgId: acme.id, outcome: 'success', details: { removed: 1, via: 'admin' } });
    expect((await t.client().signIn('reset-me@acme.test', STRONG_PASSWORD)).json().step).toBe('done');

    const member = t.client();
    await member.signIn('unconfirmed@acme.test', STRONG_PASSWORD);
    expect((await member.post(`/api/admin/users/${users!.id}/mfa/reset`, {})).statusCode).toBe(403);
  });

  it('resets only from a recent sign-in, and never their own factors (the Security page keeps the last-factor rule)', async () => {
    const boss = await seedUser(t, { email: 'boss3@acme.test', orgs: [acme], role: 'admin' });
    await enrolTotp('reset-later@acme.test');
    const target = (await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.emailCanonical, 'reset-later@acme.test') }))!;
    const admin = t.client();
    await admin.signIn('boss3@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await admin.post(`/api/admin/users/${boss.id}/mfa/reset`, {})).json().error.code).toBe('mfa.reset_self');
    await t.database.db.update(sessions).set({ authTime: new Date(Date.now() - 20 * 60_000) }).where(eq(sessions.userId, boss.id));
    const stale = await admin.post(`/api/admin/users/${target.id}/mfa/reset`, {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('auth.reauthenticate');
    expect(await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.userId, target.id))).toHaveLength(1);
  });

  it('cannot strip the factors of a person who also belongs to another organization', async () => {
    const { c } = await enrolTotp('shared@acme.test');
    const other = await seedOrg(t, 'Other Co', { mfa: { mode: 'required' } });
    const shared = (await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.emailCanonical, 'shared@acme.test') }))!;
    await t.database.db.insert(memberships).values({ orgId: other.id, userId: shared.id });
    await seedUser(t, { email: 'boss2@acme.test', orgs: [acme], role: 'admin' });
    const admin = t.client();
    await admin.signIn('boss2@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    const res = await admin.post(`/api/admin/users/${shared.id}/mfa/reset`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('mfa.reset_shared_account');
    expect((await c.get('/api/me/mfa')).json().factors).toHaveLength(1);
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.reset'), eq(auditEvents.targetUserId, shared.id)))).toHaveLength(0);
  });
});

