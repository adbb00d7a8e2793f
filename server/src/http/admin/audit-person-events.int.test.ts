import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, linkTokenFrom, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { users } from '../../db/schema/index.ts';

// A person's password is their own and every organization of theirs shares it: its changes are in
// each of those organizations' logs, wherever they came from (QA: a forced change left no trace).
let t: TestApp;
let acmeAdmin: TestClient;
let globexAdmin: TestClient;

type Row = { event: string; targetEmail: string | null; details: Record<string, unknown> };
const events = async (admin: TestClient, email: string) =>
  ((await admin.get('/api/admin/audit?event=password&limit=500')).json().items as Row[]).filter((r) => r.targetEmail === email).map((r) => `${r.event}${r.details.via ? `:${r.details.via}` : ''}`);

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const globex = await seedOrg(t, 'Globex');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  await seedUser(t, { email: 'admin@globex.test', orgs: [globex], role: 'admin' });
  const bob = await seedUser(t, { email: 'bob@acme.test', orgs: [acme] });
  await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, bob.id));
  await seedUser(t, { email: 'shared@acme.test', orgs: [acme, globex] });
  await seedUser(t, { email: 'solo@globex.test', orgs: [globex] });
  acmeAdmin = t.client();
  await acmeAdmin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  globexAdmin = t.client();
  await globexAdmin.signIn('admin@globex.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe("a person's password events in the audit log", () => {
  it('logs a new password set at sign-in, when it was due', async () => {
    const bob = t.client();
    expect((await bob.signIn('bob@acme.test', STRONG_PASSWORD)).json()).toMatchObject({ step: 'change_password' });
    expect((await bob.post('/api/auth/sign-in/new-password', { password: 'a-Fresh-password-2026' })).json()).toMatchObject({ step: 'done' });
    expect(await events(acmeAdmin, 'bob@acme.test')).toEqual(['password.changed:sign_in']);
    expect(await events(globexAdmin, 'bob@acme.test')).toEqual([]);
  });

  it("logs a reset in every organization of the person, and in nobody else's", async () => {
    await t.client().post('/api/auth/password-reset', { email: 'shared@acme.test' });
    const token = await linkTokenFrom(t, 'shared@acme.test', '/reset-password');
    expect((await t.client().post('/api/auth/password-reset/complete', { token, password: 'a-Reset-password-2026' })).statusCode).toBe(204);
    for (const admin of [acmeAdmin, globexAdmin]) expect(await events(admin, 'shared@acme.test')).toEqual(['password.reset', 'password.reset_requested']);
    expect(await events(acmeAdmin, 'solo@globex.test')).toEqual([]);
  });

  it('logs a change from the portal in every organization of the person', async () => {
    const shared = t.client();
    await shared.signIn('shared@acme.test', 'a-Reset-password-2026', { org: 'acme' });
    const changed = await shared.post('/api/me/password', { currentPassword: 'a-Reset-password-2026', newPassword: 'a-Portal-password-2026', keepThisSession: true });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await events(globexAdmin, 'shared@acme.test'))[0]).toBe('password.changed:portal');
    expect((await events(acmeAdmin, 'shared@acme.test'))[0]).toBe('password.changed:portal');
  });
});
