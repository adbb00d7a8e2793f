import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const strict = await seedOrg(t, 'Strict', { lockout: { maxFailures: 2, durationMinutes: 30 } });
  const lenient = await seedOrg(t, 'Lenient', { lockout: { maxFailures: 4, durationMinutes: 30 } });
  await seedUser(t, { email: 'strict@corp.test', orgs: [strict] });
  await seedUser(t, { email: 'lenient@corp.test', orgs: [lenient] });
});
afterAll(() => t.close());

/** Wrong passwords until the answer says locked: how many tries the address got (at most `max`). */
async function triesUntilLocked(email: string, max = 6): Promise<number> {
  const c = t.client();
  for (let i = 1; i <= max; i++) {
    const res = await c.signIn(email, `wrong-password-${i}`);
    if (res.statusCode === 423) return i;
    expect(res.statusCode).toBe(401);
  }
  return Infinity;
}

describe('the lockout of an address with no account, with organizations of different policies', () => {
  it('is one organization’s, the same for the same address, and each organization’s for some addresses', async () => {
    // Real members lock at their organization's threshold…
    expect(await triesUntilLocked('strict@corp.test')).toBe(2);
    expect(await triesUntilLocked('lenient@corp.test')).toBe(4);
    // …and unknown addresses at one of those (never one fixed answer a real member could outlast).
    const counts = [];
    // Sixteen addresses all picking one of two: a chance of 1 in 32 768.
    for (let i = 0; i < 16; i++) counts.push(await triesUntilLocked(`ghost${i}@corp.test`));
    expect(new Set(counts)).toEqual(new Set([2, 4]));
  });

  it('stays locked like a real account, and the right password of a real one is still refused while locked', async () => {
    expect((await t.client().signIn('ghost0@corp.test', 'anything-at-all-1')).statusCode).toBe(423);
    expect((await t.client().signIn('strict@corp.test', STRONG_PASSWORD)).statusCode).toBe(423);
  });
});
