import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, linkTokenFrom, type TestApp, type TestClient } from '../../../test/harness.ts';
import { users } from '../../db/schema/index.ts';
import { loadPersonClaims } from '../sso/person-claims.ts';
import { assignApp, createApp } from '../../domain/apps/app-store.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
});
afterAll(() => t.close());

async function signedIn(email: string): Promise<TestClient> {
  await seedUser(t, { email, orgs: [acme] });
  const c = t.client();
  expect((await c.signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  return c;
}
const languageOf = async (email: string) => (await t.database.db.select({ language: users.language }).from(users).where(eq(users.email, email)))[0].language;

describe("The person's language", () => {
  it('is unset until chosen; once chosen, the session, e-mails and the OIDC locale claim follow it', async () => {
    const c = await signedIn('lea@acme.test');
    expect((await c.get('/api/session')).json().user.language).toBeNull();
    const user = (await t.database.db.select().from(users).where(eq(users.email, 'lea@acme.test')))[0];
    const app = await createApp(t.database.db, acme.id, { type: 'oidc', name: 'Wiki' });
    await assignApp(t.database.db, app.id, { userId: user.id });
    // No guessed locale: the claim is absent, not "en".
    expect((await loadPersonClaims(t.database.db, app, user.id))?.locale).toBeUndefined();

    expect((await c.post('/api/me/language', { language: 'fr' })).statusCode).toBe(204);
    expect((await c.get('/api/session')).json().user.language).toBe('fr');
    expect((await loadPersonClaims(t.database.db, app, user.id))?.locale).toBe('fr');

    // An e-mail sent with no browser in the room (here: from an English one) is in French.
    await t.client().post('/api/auth/password-reset', { email: 'lea@acme.test' }, { headers: { 'accept-language': 'en-US' } });
    const [mail] = await mailsTo(t, 'lea@acme.test');
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Tessera');
  });

  it('refuses a language Tessera does not speak, and anonymous callers, changing nothing', async () => {
    const c = await signedIn('max@acme.test');
    await c.post('/api/me/language', { language: 'en' });
    for (const body of [{ language: 'de' }, { language: 'FR' }, {}, { language: ['fr'] }]) {
      const res = await c.post('/api/me/language', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
    expect(await languageOf('max@acme.test')).toBe('en');
    expect((await t.client().post('/api/me/language', { language: 'fr' })).statusCode).toBe(401);
    // From another site, with the person's cookie: refused like every state change.
    expect((await c.post('/api/me/language', { language: 'fr' }, { headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
    expect(await languageOf('max@acme.test')).toBe('en');
  });

  it("sends a reset link in the browser's language to someone who never chose one", async () => {
    await seedUser(t, { email: 'noel@acme.test', orgs: [acme] });
    await t.client().post('/api/auth/password-reset', { email: 'noel@acme.test' }, { headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
    expect((await mailsTo(t, 'noel@acme.test'))[0].subject).toBe('Réinitialisez votre mot de passe Tessera');
    // The portal's choice on this browser (its cookie) comes before the header.
    await seedUser(t, { email: 'noelle@acme.test', orgs: [acme] });
    await t.client().post('/api/auth/password-reset', { email: 'noelle@acme.test' }, { headers: { 'accept-language': 'fr', cookie: 'tessera_lang=en' } });
    expect((await mailsTo(t, 'noelle@acme.test'))[0].subject).toBe('Reset your Tessera password');
  });

  it('keeps the language the account was created in, from the invitation page', async () => {
    const admin = t.client();
    await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await admin.post('/api/admin/invitations', { email: 'ines@acme.test' })).statusCode).toBe(201);
    const token = await linkTokenFrom(t, 'ines@acme.test', '/invite');
    const invitee = t.client();
    expect((await invitee.post('/api/auth/invitations/accept', { token, password: 'a-Long-enough-passw0rd', language: 'it' })).statusCode).toBe(400);
    expect((await invitee.post('/api/auth/invitations/accept', { token, password: 'a-Long-enough-passw0rd', language: 'fr' })).statusCode).toBe(200);
    expect((await invitee.get('/api/session')).json().user.language).toBe('fr');
  });
});
