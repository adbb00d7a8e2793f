import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, linkTokenFrom, type TestApp, type TestClient } from '../../../test/harness.ts';
import { invitations, users } from '../../db/schema/index.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let globex: Awaited<ReturnType<typeof seedOrg>>;
let acmeAdmin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme Corp', { password: { minLength: 14 } });
  globex = await seedOrg(t, 'Globex');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  await seedUser(t, { email: 'admin@globex.test', orgs: [globex], role: 'admin' });
  acmeAdmin = t.client();
  await acmeAdmin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

async function invite(email: string, extra: Record<string, unknown> = {}) {
  const res = await acmeAdmin.post('/api/admin/invitations', { email, ...extra });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, token: await linkTokenFrom(t, email, '/invite') };
}

describe('invitation and account creation', () => {
  it('mails a link; the invitee sees their address and the policy, creates the account and is signed in', async () => {
    const { token } = await invite('new@acme.test', { firstName: 'Nina' });
    const [mail] = await mailsTo(t, 'new@acme.test');
    expect(mail.subject).toContain('Acme Corp');
    expect(mail.text).toContain('Grace Hopper invited you');

    const c = t.client();
    const info = await c.post('/api/auth/invitations/check', { token });
    expect(info.json()).toMatchObject({ email: 'new@acme.test', organization: { slug: 'acme-corp', name: 'Acme Corp' }, accountExists: false, policy: { minLength: 14 } });
    const weak = await c.post('/api/auth/invitations/accept', { token, password: 'only-13-chars' });
    expect(weak.statusCode).toBe(422);
    const accepted = await c.post('/api/auth/invitations/accept', { token, password: 'a-Long-enough-passw0rd' });
    expect(accepted.json()).toEqual({ redirectTo: '/' });
    expect((await c.get('/api/session')).json()).toMatchObject({ user: { email: 'new@acme.test', firstName: 'Nina' }, organization: { slug: 'acme-corp', role: 'member' } });
    expect((await t.client().post('/api/auth/invitations/accept', { token, password: 'a-Long-enough-passw0rd' })).json().error.code).toBe('token.invalid');
    expect((await t.client().signIn('new@acme.test', 'a-Long-enough-passw0rd')).statusCode).toBe(200);
  });

  it('adds the membership to an existing account after they sign in, with no second password', async () => {
    await seedUser(t, { email: 'both@globex.test', orgs: [globex] });
    const { token } = await invite('both@globex.test', { role: 'admin' });
    const c = t.client();
    expect((await c.post('/api/auth/invitations/check', { token })).json()).toMatchObject({ accountExists: true, joinsBeforeSignIn: false });
    const anonymous = await c.post('/api/auth/invitations/accept', { token });
    expect(anonymous.statusCode).toBe(401);

    const someoneElse = t.client();
    await someoneElse.signIn('admin@globex.test', STRONG_PASSWORD);
    expect((await someoneElse.post('/api/auth/invitations/accept', { token })).json().error.code).toBe('invitation.email_mismatch');

    await c.signIn('both@globex.test', STRONG_PASSWORD);
    expect((await c.post('/api/auth/invitations/accept', { token, password: 'ignored-Password-1' })).statusCode).toBe(200);
    const session = (await c.get('/api/session')).json();
    expect(session.organizations.map((o: { slug: string }) => o.slug).sort()).toEqual(['acme-corp', 'globex']);
    expect(session.organization).toMatchObject({ slug: 'acme-corp', role: 'admin' });
  });

  it('resending kills the old link; revoking kills the link', async () => {
    const first = await invite('resend@acme.test');
    const resent = await acmeAdmin.post(`/api/admin/invitations/${first.id}/resend`, {});
    expect(resent.statusCode).toBe(200);
    const second = await linkTokenFrom(t, 'resend@acme.test', '/invite');
    expect(second).not.toBe(first.token);
    expect((await t.client().post('/api/auth/invitations/check', { token: first.token })).json().error.code).toBe('token.invalid');
    expect((await t.client().post('/api/auth/invitations/check', { token: second })).statusCode).toBe(200);

    expect((await acmeAdmin.delete(`/api/admin/invitations/${first.id}`, {})).statusCode).toBe(204);
    expect((await t.client().post('/api/auth/invitations/check', { token: second })).json().error.code).toBe('token.invalid');
    const list = (await acmeAdmin.get('/api/admin/invitations')).json().items;
    expect(list.find((i: { id: string }) => i.id === first.id).status).toBe('revoked');
  });

  it('says when a new invitation replaced a pending one, and keeps the names it had when none are given', async () => {
    const first = await acmeAdmin.post('/api/admin/invitations', { email: 'again@acme.test', firstName: 'Éloïse', lastName: 'Núñez' });
    expect(first.json()).toMatchObject({ email: 'again@acme.test', replacedEarlier: false });
    const firstToken = await linkTokenFrom(t, 'again@acme.test', '/invite');
    const again = await acmeAdmin.post('/api/admin/invitations', { email: 'Again@acme.test' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ replacedEarlier: true });
    expect((await t.client().post('/api/auth/invitations/check', { token: firstToken })).json().error.code).toBe('token.invalid');
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, again.json().id));
    expect(row).toMatchObject({ firstName: 'Éloïse', lastName: 'Núñez' });
    // Names given this time are the ones kept.
    await acmeAdmin.post('/api/admin/invitations', { email: 'again@acme.test', firstName: 'Zoë' });
    const listed = (await acmeAdmin.get('/api/admin/users?status=invited&q=again@')).json().items;
    expect(listed).toMatchObject([{ firstName: 'Zoë', lastName: 'Núñez' }]);
    // An expired invitation's link worked no more: nothing is said to have been replaced.
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, 'again@acme.test'));
    expect((await acmeAdmin.post('/api/admin/invitations', { email: 'again@acme.test' })).json().replacedEarlier).toBe(false);
  });

  it('resends in the language first chosen, from the administrator who invited', async () => {
    const first = await invite('fr-resend@acme.test', { language: 'fr' });
    const [original] = await mailsTo(t, 'fr-resend@acme.test');
    expect((await acmeAdmin.post(`/api/admin/invitations/${first.id}/resend`, {})).statusCode).toBe(200);
    const [again] = await mailsTo(t, 'fr-resend@acme.test');
    expect(again.id).not.toBe(original.id);
    expect(again.subject).toBe(original.subject);
    expect(again.text).toContain('Grace Hopper');
    expect(again.text).toMatch(/invit[ée]/);
    expect(again.text).not.toContain('invited you');
  });

  it('does not count as proof of the address of an account an administrator made: the maker may hold its password too', async () => {
    // Globex's administrator makes an account for an Acme address, with a password they know and
    // pass on, and keeps a way back: a recovery e-mail of their own (inert while the address is unproven).
    const globexAdmin = t.client();
    await globexAdmin.signIn('admin@globex.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await globexAdmin.post('/api/admin/users', { email: 'made@acme.test', password: 'Maker-Knows-This-1' })).statusCode).toBe(201);
    const maker = t.client();
    await maker.signIn('made@acme.test', 'Maker-Knows-This-1');
    expect((await maker.post('/api/me/recovery-email', { email: 'maker@evil.test' })).statusCode).toBe(202);
    expect((await t.client().post('/api/auth/recovery-email/confirm', { token: await linkTokenFrom(t, 'maker@evil.test', '/confirm-recovery-email') })).statusCode).toBe(200);

    // The owner reads Acme's invitation and signs in with the password they were given: link and password together.
    const { token } = await invite('made@acme.test');
    const owner = t.client();
    await owner.signIn('made@acme.test', 'Maker-Knows-This-1');
    expect((await owner.post('/api/auth/invitations/accept', { token })).statusCode).toBe(200);

    // Still unproven: a reset link goes to the address only, never to the maker's recovery e-mail,
    // and the owner's first reset still takes the account back.
    const [user] = await t.database.db.select().from(users).where(eq(users.emailCanonical, 'made@acme.test'));
    expect(user.emailVerifiedAt).toBeNull();
    await t.client().post('/api/auth/password-reset', { email: 'made@acme.test' });
    expect((await mailsTo(t, 'maker@evil.test')).map((m) => m.template)).toEqual(['recovery_email_confirm']);
    const reset = await linkTokenFrom(t, 'made@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/complete', { token: reset, password: 'owners-Own-password-9' })).statusCode).toBe(204);
    const [claimed] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(claimed).toMatchObject({ recoveryEmail: null });
    expect(claimed.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('lets a person removed from their only organization join again by the link, then sign in', async () => {
    const person = await seedUser(t, { email: 'comeback@acme.test', orgs: [acme] });
    expect((await acmeAdmin.delete(`/api/admin/users/${person.id}`, {})).statusCode).toBe(204);
    expect((await t.client().signIn('comeback@acme.test', STRONG_PASSWORD)).json().error.code).toBe('sign_in.no_organization');
    const { token } = await invite('comeback@acme.test');
    const c = t.client();
    expect((await c.post('/api/auth/invitations/check', { token })).json()).toMatchObject({ accountExists: true, joinsBeforeSignIn: true });
    const joined = await c.post('/api/auth/invitations/accept', { token });
    expect(joined.json()).toEqual({ redirectTo: '/login?notice=joined' });
    // Joined, not signed in: the account's password still guards the way in.
    expect((await c.get('/api/session')).statusCode).toBe(401);
    expect((await c.signIn('comeback@acme.test', STRONG_PASSWORD)).json().step).toBe('done');
    expect((await t.client().post('/api/auth/invitations/accept', { token })).json().error.code).toBe('token.invalid');
  });

  it('counts an invitation as accepted once the person became a member another way', async () => {
    const { id } = await invite('direct@acme.test');
    expect((await acmeAdmin.post('/api/admin/users', { email: 'direct@acme.test', password: 'a-Long-enough-passw0rd' })).statusCode).toBe(201);
    const list = (await acmeAdmin.get('/api/admin/invitations')).json().items;
    expect(list.find((i: { id: string }) => i.id === id).status).toBe('accepted');
  });

  it('refuses an expired invitation', async () => {
    const { id, token } = await invite('late@acme.test');
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, id));
    expect((await t.client().post('/api/auth/invitations/accept', { token, password: 'a-Long-enough-passw0rd' })).json().error.code).toBe('token.invalid');
  });

  it('stores invitation tokens only as hashes', async () => {
    const { token } = await invite('hash@acme.test');
    const rows = await t.database.db.select({ h: invitations.tokenHash }).from(invitations);
    expect(rows.some((r) => r.h === token)).toBe(false);
  });

  it("hides another organization's invitations (404) and refuses members (403)", async () => {
    const { id } = await invite('scoped@acme.test');
    const outsider = t.client();
    await outsider.signIn('admin@globex.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await outsider.post(`/api/admin/invitations/${id}/resend`, {})).statusCode).toBe(404);
    expect((await outsider.delete(`/api/admin/invitations/${id}`, {})).statusCode).toBe(404);
    expect((await outsider.get('/api/admin/invitations')).json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await t.client().get('/api/admin/invitations')).statusCode).toBe(401);

    await seedUser(t, { email: 'member@acme.test', orgs: [acme] });
    const member = t.client();
    await member.signIn('member@acme.test', STRONG_PASSWORD);
    for (const res of [await member.get('/api/admin/invitations'), await member.post('/api/admin/invitations', { email: 'sneaky@acme.test' }), await member.post(`/api/admin/invitations/${id}/resend`, {}), await member.delete(`/api/admin/invitations/${id}`, {})]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect(await mailsTo(t, 'sneaky@acme.test')).toHaveLength(0);
    expect((await acmeAdmin.get('/api/admin/invitations')).json().items.find((i: { id: string }) => i.id === id).status).toBe('pending');
  });

  it('refuses to invite an existing member and bad input, changing nothing', async () => {
    const dup = await acmeAdmin.post('/api/admin/invitations', { email: 'admin@acme.test' });
    expect(dup.statusCode).toBe(409);
    const bad = await acmeAdmin.post('/api/admin/invitations', { email: 'not-an-email', role: 'owner' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['role']);
    const invalidEmail = await acmeAdmin.post('/api/admin/invitations', { email: 'a\u200b@acme.test' });
    expect(invalidEmail.json().error.code).toBe('user.email_invalid');
    expect(await mailsTo(t, 'a\u200b@acme.test')).toHaveLength(0);
  });
});

describe('a username already taken in the organization', () => {
  it('is refused when the invitation is sent (any case), not when the invitee accepts; another organization may use it', async () => {
    const member = await seedUser(t, { email: 'taken@acme.test', orgs: [acme] });
    expect((await acmeAdmin.post(`/api/admin/users/${member.id}`, { username: 'grace.h' })).statusCode).toBe(204);
    const res = await acmeAdmin.post('/api/admin/invitations', { email: 'newcomer@acme.test', username: 'Grace.H' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'user.username_taken', message: 'This username is already taken in the organization.' });
    expect(await mailsTo(t, 'newcomer@acme.test')).toHaveLength(0);
    expect(await t.database.db.select().from(invitations).where(eq(invitations.emailCanonical, 'newcomer@acme.test'))).toHaveLength(0);

    const globexAdmin = t.client();
    await globexAdmin.signIn('admin@globex.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await globexAdmin.post('/api/admin/invitations', { email: 'newcomer@globex.test', username: 'grace.h' })).statusCode).toBe(201);
  });

  it('fails its own row of a bulk invitation, and the other rows still go out', async () => {
    const csv = 'email,firstName,lastName,role,username\nbulk-a@acme.test,Al,A,member,al\nbulk-b@acme.test,Bo,B,member,GRACE.H\n';
    const res = await acmeAdmin.post('/api/admin/invitations/bulk', { csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ invited: 1, failed: 1 });
    expect(res.json().rows[1]).toMatchObject({ row: 3, email: 'bulk-b@acme.test', ok: false, code: 'user.username_taken', message: 'This username is already taken in the organization.' });
    expect(await mailsTo(t, 'bulk-b@acme.test')).toHaveLength(0);
    expect(await mailsTo(t, 'bulk-a@acme.test')).toHaveLength(1);
  });
});

describe('invitation list', () => {
  it('filters by status and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await invite(`page${i}@acme.test`);
    const first = (await acmeAdmin.get('/api/admin/invitations?status=pending&limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
    const second = (await acmeAdmin.get(`/api/admin/invitations?status=pending&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(first.items[0].id);
    const revoked = (await acmeAdmin.get('/api/admin/invitations?status=revoked')).json().items;
    expect(revoked.length).toBeGreaterThan(0);
    expect(revoked.every((i: { status: string }) => i.status === 'revoked')).toBe(true);
    expect((await acmeAdmin.get('/api/admin/invitations?status=bogus')).statusCode).toBe(400);
  });
});
