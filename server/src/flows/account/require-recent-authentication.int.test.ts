import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { sessions } from '../../db/schema/index.ts';

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
  await t.database.db.update(sessions).set({ authTime: new Date(Date.now() - minutes * 60_000) }).where(eq(sessions.userId, user.id));
  return c;
}

describe('sensitive changes need a recent sign-in (SECURITY.md)', () => {
  it.each([
    ['setting up an authenticator app', 'member', '/api/me/mfa/totp', {}],
    ['regenerating recovery codes', 'member', '/api/me/mfa/recovery-codes', {}],
    ['changing the recovery e-mail', 'member', '/api/me/recovery-email', { email: 'me@home.example' }],
    ['creating an API key', 'admin', '/api/admin/api-keys', { name: 'CI' }],
  ] as const)('refuses %s from a 20-minute-old sign-in, not from a fresh one', async (_what, role, url, body) => {
    const stale = await signedInAgo(`stale-${url.replaceAll('/', '-')}@acme.test`, 20, role);
    const refused = await stale.post(url, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.reauthenticate');
    const fresh = await signedInAgo(`fresh-${url.replaceAll('/', '-')}@acme.test`, 1, role);
    const allowed = await fresh.post(url, body);
    // Past the recency rule (regenerating codes without any factor then fails for its own reason).
    expect(allowed.statusCode === 403 && allowed.json().error.code === 'auth.reauthenticate').toBe(false);
  });
});
