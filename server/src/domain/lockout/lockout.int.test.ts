import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, type TestApp } from '../../../test/harness.ts';
import { getLockState, lockoutKey, recordFailure } from './lockout-store.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let admin: Awaited<ReturnType<typeof seedUser>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { lockout: { maxFailures: 3, durationMinutes: 30 } });
  admin = await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
});
afterAll(() => t.close());

async function fail(email: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await t.client().signIn(email, `wrong-password-${i}`));
  return results;
}

describe('lockout', () => {
  it('locks an account after N failures, even against the right password, and mails its owner', async () => {
    await seedUser(t, { email: 'lock@acme.test', orgs: [acme] });
    const results = await fail('lock@acme.test', 3);
    expect(results.map((r) => r.statusCode)).toEqual([401, 401, 423]);
    const right = await t.client().signIn('lock@acme.test', STRONG_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error).toEqual({ code: 'sign_in.locked', message: 'Your account is locked. Contact your administrator.' });
    const mails = await mailsTo(t, 'lock@acme.test');
    expect(mails.map((m) => m.template)).toEqual(['account_locked']);
  });

  it('"locks" an unknown address after the same number of tries with the same answer', async () => {
    const results = await fail('ghost@acme.test', 3);
    expect(results.map((r) => r.statusCode)).toEqual([401, 401, 423]);
    expect(results[2].json()).toEqual((await t.client().signIn('lock@acme.test', 'x-whatever-1')).json());
  });

  it('counts every spelling of one address on one counter', async () => {
    await seedUser(t, { email: 'case@acme.test', orgs: [acme] });
    await t.client().signIn('CASE@acme.test', 'nope-nope-1');
    await t.client().signIn(' case@ACME.test ', 'nope-nope-2');
    const third = await t.client().signIn('Case@Acme.Test', 'nope-nope-3');
    expect(third.statusCode).toBe(423);
  });

  it('a success resets the counter', async () => {
    await seedUser(t, { email: 'reset-counter@acme.test', orgs: [acme] });
    await fail('reset-counter@acme.test', 2);
    expect((await t.client().signIn('reset-counter@acme.test', STRONG_PASSWORD)).statusCode).toBe(200);
    expect((await fail('reset-counter@acme.test', 2)).map((r) => r.statusCode)).toEqual([401, 401]);
  });

  it('fifty parallel guesses cannot slip past the threshold', async () => {
    const key = lockoutKey('parallel@acme.test');
    const policy = { maxFailures: 10, durationMinutes: 30 };
    const results = await Promise.all(Array.from({ length: 50 }, () => recordFailure(t.database.db, key, policy)));
    expect(results.filter((r) => r.lockedNow)).toHaveLength(1);
    expect(results.filter((r) => !r.locked)).toHaveLength(9);
    expect((await getLockState(t.database.db, key)).locked).toBe(true);
  });

  it('an administrator unlocks a locked member; another organization cannot see them', async () => {
    const user = await seedUser(t, { email: 'unlock@acme.test', orgs: [acme] });
    await fail('unlock@acme.test', 3);
    const c = t.client();
    await c.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await c.get(`/api/admin/users/${user.id}/lockout`)).json()).toMatchObject({ locked: true });

    const other = await seedOrg(t, 'Other');
    await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
    const outsider = t.client();
    await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await outsider.post(`/api/admin/users/${user.id}/unlock`, {})).statusCode).toBe(404);

    expect((await c.post(`/api/admin/users/${user.id}/unlock`, {})).statusCode).toBe(204);
    expect((await t.client().signIn('unlock@acme.test', STRONG_PASSWORD)).statusCode).toBe(200);
    expect(admin.id).toBeTruthy();
  });

  it('an expired lock lets the person try again', async () => {
    const key = lockoutKey('expiring@acme.test');
    const policy = { maxFailures: 1, durationMinutes: 30 };
    await recordFailure(t.database.db, key, policy);
    expect((await getLockState(t.database.db, key)).locked).toBe(true);
    expect((await getLockState(t.database.db, key, new Date(Date.now() + 31 * 60_000))).locked).toBe(false);
  });
});
