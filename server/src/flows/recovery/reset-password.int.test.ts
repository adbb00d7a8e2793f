import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, linkTokenFrom, type TestApp, PUBLIC_URL } from '../../../test/harness.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, mfaFactors, passwordResets, sshKeys, users } from '../../db/schema/index.ts';
import { hashToken } from '../../domain/secrets/tokens.ts';
import { assignApp, createApp } from '../../domain/apps/app-store.ts';
import { loadPersonClaims } from '../sso/person-claims.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { lockout: { maxFailures: 2 } });
});
afterAll(() => t.close());

const NEW_PASSWORD = 'brand-New-password-77';

/** As if the person's last reset link had been mailed `minutes` ago. */
async function ageResetLink(email: string, minutes: number) {
  const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  await t.database.db
    .update(passwordResets)
    .set({ createdAt: sql`${passwordResets.createdAt} - make_interval(mins => ${minutes})`, windowStartedAt: sql`${passwordResets.windowStartedAt} - make_interval(mins => ${minutes})` })
    .where(eq(passwordResets.userId, user.id));
}

describe('Reset User Password', () => {
  it('answers the same whether or not the address has an account, and mails only a real one', async () => {
    await seedUser(t, { email: 'rita@acme.test', orgs: [acme] });
    const known = await t.client().post('/api/auth/password-reset', { email: 'rita@acme.test' });
    const unknown = await t.client().post('/api/auth/password-reset', { email: 'nobody@acme.test' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(await mailsTo(t, 'nobody@acme.test')).toHaveLength(0);
    const [mail] = await mailsTo(t, 'rita@acme.test');
    expect(mail.template).toBe('password_reset');
  });

  it('sends the link to the confirmed recovery e-mail too, and to no unconfirmed one', async () => {
    await seedUser(t, { email: 'remy@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('remy@acme.test', STRONG_PASSWORD);
    expect((await c.post('/api/me/recovery-email', { email: 'remy@home.test' })).statusCode).toBe(202);
    await t.client().post('/api/auth/password-reset', { email: 'remy@acme.test' });
    expect((await mailsTo(t, 'remy@home.test')).map((m) => m.template)).toEqual(['recovery_email_confirm']);
    const confirm = await linkTokenFrom(t, 'remy@home.test', '/confirm-recovery-email');
    expect((await t.client().post('/api/auth/recovery-email/confirm', { token: confirm })).statusCode).toBe(200);
    await ageResetLink('remy@acme.test', 2);
    await t.client().post('/api/auth/password-reset', { email: 'remy@acme.test' });
    const token = await linkTokenFrom(t, 'remy@home.test', '/reset-password');
    // The newest link, the same one the company mailbox got.
    expect(token).toBe(await linkTokenFrom(t, 'remy@acme.test', '/reset-password'));
    expect((await t.client().post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await t.client().signIn('remy@acme.test', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('builds the link from PUBLIC_URL, never from the Host header', async () => {
    await seedUser(t, { email: 'host@acme.test', orgs: [acme] });
    await t.client().post('/api/auth/password-reset', { email: 'host@acme.test' }, { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
    const [mail] = await mailsTo(t, 'host@acme.test');
    expect(mail.text).toContain(`${PUBLIC_URL}/reset-password#token=`);
    expect(mail.text).not.toContain('evil.example');
  });

  it('stores the token only as a hash, and a newer link kills the older one', async () => {
    await seedUser(t, { email: 'twice@acme.test', orgs: [acme] });
    await t.client().post('/api/auth/password-reset', { email: 'twice@acme.test' });
    const first = await linkTokenFrom(t, 'twice@acme.test', '/reset-password');
    await ageResetLink('twice@acme.test', 2);
    await t.client().post('/api/auth/password-reset', { email: 'twice@acme.test' });
    const second = await linkTokenFrom(t, 'twice@acme.test', '/reset-password');
    const rows = await t.database.db.select().from(passwordResets);
    expect(rows.some((r) => r.tokenHash === first || r.tokenHash === second)).toBe(false);
    expect(rows.some((r) => r.tokenHash === hashToken(second))).toBe(true);
    expect((await t.client().post('/api/auth/password-reset/check', { token: first })).json().error.code).toBe('token.invalid');
    expect((await t.client().post('/api/auth/password-reset/check', { token: second })).json()).toMatchObject({ email: 'twice@acme.test', policy: { minLength: 12 } });
  });

  it('mails one person at most one link a minute and five an hour, however many ask; the last link keeps working', async () => {
    await seedUser(t, { email: 'bombed@acme.test', orgs: [acme] });
    const ask = () => t.client().post('/api/auth/password-reset', { email: 'bombed@acme.test' });
    const links = async () => (await mailsTo(t, 'bombed@acme.test')).length;
    const again = await Promise.all(Array.from({ length: 5 }, ask));
    expect(again.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
    expect(await links()).toBe(1);
    const first = await linkTokenFrom(t, 'bombed@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/check', { token: first })).statusCode).toBe(200);
    const throttled = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'password.reset_requested'), eq(auditEvents.outcome, 'failure')));
    expect(throttled.filter((e) => (e.details as { reason?: string }).reason === 'throttled')).toHaveLength(4);

    for (let n = 2; n <= 5; n++) {
      await ageResetLink('bombed@acme.test', 2);
      await ask();
      expect(await links()).toBe(n);
    }
    await ageResetLink('bombed@acme.test', 2);
    await ask();
    expect(await links()).toBe(5);
    const fifth = await linkTokenFrom(t, 'bombed@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/check', { token: fifth })).statusCode).toBe(200);
    // An hour after the first of them, links go out again.
    await ageResetLink('bombed@acme.test', 60);
    await ask();
    expect(await links()).toBe(6);
  });

  it('answers before it looks the address up: a slow database does not hold the answer back', async () => {
    await seedUser(t, { email: 'slow@acme.test', orgs: [acme] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the users table (PostgreSQL) or the whole embedded database (PGlite) until released.
    const holding = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table users in access exclusive mode`);
      await held;
    });
    const answer = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', headers: { origin: PUBLIC_URL, 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'slow@acme.test' }) });
    expect(answer.statusCode).toBe(202);
    release();
    await holding;
    await t.afterReply.settled();
    expect((await mailsTo(t, 'slow@acme.test')).map((m) => m.template)).toEqual(['password_reset']);
  });

  it('sets the new password, ends every session, clears the lockout, and works once', async () => {
    await seedUser(t, { email: 'full@acme.test', orgs: [acme] });
    const signedIn = t.client();
    await signedIn.signIn('full@acme.test', STRONG_PASSWORD);
    expect((await signedIn.get('/api/session')).statusCode).toBe(200);
    await t.client().signIn('full@acme.test', 'bad-1-password');
    expect((await t.client().signIn('full@acme.test', 'bad-2-password')).statusCode).toBe(423);

    await t.client().post('/api/auth/password-reset', { email: 'full@acme.test' });
    const token = await linkTokenFrom(t, 'full@acme.test', '/reset-password');
    const weak = await t.client().post('/api/auth/password-reset/complete', { token, password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.rules).toContain('minLength');
    const done = await t.client().post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD });
    expect(done.statusCode).toBe(204);
    expect((await t.client().post('/api/auth/password-reset/complete', { token, password: 'another-Strong-pass-1' })).json().error.code).toBe('token.invalid');

    expect((await signedIn.get('/api/session')).statusCode).toBe(401);
    expect((await t.client().signIn('full@acme.test', STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await t.client().signIn('full@acme.test', NEW_PASSWORD)).statusCode).toBe(200);
    expect((await mailsTo(t, 'full@acme.test'))[0].template).toBe('password_changed');
  });

  it('thirty parallel uses of one link produce exactly one success', async () => {
    await seedUser(t, { email: 'race@acme.test', orgs: [acme] });
    await t.client().post('/api/auth/password-reset', { email: 'race@acme.test' });
    const token = await linkTokenFrom(t, 'race@acme.test', '/reset-password');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.client().post('/api/auth/password-reset/complete', { token, password: `sprint-Password-${i}-xyz` })),
    );
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 400).every((r) => r.json().error.code === 'token.invalid')).toBe(true);
    expect(results.filter((r) => r.statusCode !== 204 && r.statusCode !== 400)).toHaveLength(0);
  });

  it('refuses a malformed or unknown token with a clear error', async () => {
    const bad = await t.client().post('/api/auth/password-reset/complete', { token: 'x', password: NEW_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
    const unknown = await t.client().post('/api/auth/password-reset/check', { token: 'A'.repeat(43) });
    expect(unknown.json().error.code).toBe('token.invalid');
  });
});

describe('an account an administrator made for an address they do not own', () => {
  const totpCode = (key: string) => execFileSync('oathtool', ['--totp', '-b', key], { encoding: 'utf8' }).trim();
  const sshKeyLine = () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'claim-')), 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    return readFileSync(`${file}.pub`, 'utf8');
  };

  it('goes back to the address’s owner at their first reset: no recovery e-mail, factor or SSH key the maker set up survives', async () => {
    // Another organization's administrator makes an account for Acme's CEO, with a password they know…
    const globex = await seedOrg(t, 'Globex');
    await seedUser(t, { email: 'boss@globex.test', orgs: [globex], role: 'admin' });
    const intruder = t.client();
    await intruder.signIn('boss@globex.test', STRONG_PASSWORD, { portal: 'admin' });
    const made = await intruder.post('/api/admin/users', { email: 'ceo@acme.test', firstName: 'The', lastName: 'CEO', password: 'Intruder-Knows-This-1' });
    expect(made.statusCode).toBe(201);
    // …and leaves ways back in: a recovery e-mail of their own, an authenticator app, an SSH key.
    const held = t.client();
    await held.signIn('ceo@acme.test', 'Intruder-Knows-This-1');
    expect((await held.post('/api/me/recovery-email', { email: 'intruder@evil.test' })).statusCode).toBe(202);
    expect((await t.client().post('/api/auth/recovery-email/confirm', { token: await linkTokenFrom(t, 'intruder@evil.test', '/confirm-recovery-email') })).statusCode).toBe(200);
    const { secret } = (await held.post('/api/me/mfa/totp', {})).json();
    expect((await held.post('/api/me/mfa/totp/confirm', { code: totpCode(secret) })).statusCode).toBe(200);
    expect((await held.post('/api/me/ssh-keys', { name: 'Backdoor', publicKey: sshKeyLine() })).statusCode).toBe(201);

    // Applications are told the address is not proven while the maker may be the one holding it.
    const madeUser = (await t.database.db.select().from(users).where(eq(users.emailCanonical, 'ceo@acme.test')))[0];
    const app = await createApp(t.database.db, globex.id, { type: 'oidc', name: 'Claims check' });
    await assignApp(t.database.db, app.id, { userId: madeUser.id });
    expect((await loadPersonClaims(t.database.db, app, madeUser.id))?.email_verified).toBe(false);

    // The owner resets: the link goes to their address only, never to the recovery e-mail the maker set.
    await t.client().post('/api/auth/password-reset', { email: 'ceo@acme.test' });
    expect((await mailsTo(t, 'intruder@evil.test')).map((m) => m.template)).toEqual(['recovery_email_confirm']);
    const token = await linkTokenFrom(t, 'ceo@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })).statusCode).toBe(204);

    const [user] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'ceo@acme.test'));
    expect(user).toMatchObject({ recoveryEmail: null, recoveryEmailPending: null });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await loadPersonClaims(t.database.db, app, user.id))?.email_verified).toBe(true);
    expect(await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.userId, user.id))).toEqual([]);
    expect(await t.database.db.select().from(sshKeys).where(eq(sshKeys.userId, user.id))).toEqual([]);
    const [claimed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'account.claimed'), eq(auditEvents.orgId, globex.id)));
    expect(claimed.details).toEqual({ factors: 1, sshKeys: 1, recoveryEmail: true });
    // The owner signs in with their password alone (no factor left to ask for); the maker's is gone.
    expect((await t.client().signIn('ceo@acme.test', NEW_PASSWORD)).json().step).toBe('done');
    expect((await t.client().signIn('ceo@acme.test', 'Intruder-Knows-This-1')).statusCode).toBe(401);
    expect((await held.get('/api/session')).statusCode).toBe(401);
  });

  it('takes nothing from an account whose address was proven', async () => {
    await seedUser(t, { email: 'kept@acme.test', orgs: [acme] });
    const c = t.client();
    await c.signIn('kept@acme.test', STRONG_PASSWORD);
    expect((await c.post('/api/me/ssh-keys', { name: 'Laptop', publicKey: sshKeyLine() })).statusCode).toBe(201);
    await t.client().post('/api/auth/password-reset', { email: 'kept@acme.test' });
    const token = await linkTokenFrom(t, 'kept@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    const [user] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'kept@acme.test'));
    expect(await t.database.db.select().from(sshKeys).where(eq(sshKeys.userId, user.id))).toHaveLength(1);
  });
});
