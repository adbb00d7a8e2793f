import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, mailsTo, type TestApp } from '../../test/harness.ts';
import { users } from '../db/schema/index.ts';
import { dueThreshold, sendPasswordExpiryReminders } from './password-expiry-reminders.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ageDays = async (id: string, days: number) =>
  t.database.db.update(users).set({ passwordChangedAt: new Date(Date.now() - days * 86_400_000) }).where(eq(users.id, id));

describe('password expiry reminders', () => {
  it('picks the threshold that is due', () => {
    expect(dueThreshold(20, [14, 7, 1])).toBeUndefined();
    expect(dueThreshold(14, [14, 7, 1])).toBe(14);
    expect(dueThreshold(9, [14, 7, 1])).toBe(14);
    expect(dueThreshold(7, [14, 7, 1])).toBe(7);
    expect(dueThreshold(1, [14, 7, 1])).toBe(1);
    expect(dueThreshold(0, [14, 7, 1])).toBe(0);
  });

  it('mails once per threshold, even with several processes running the job at once', async () => {
    const org = await seedOrg(t, 'Expiring', { password: { maxAgeDays: 30 } });
    const soon = await seedUser(t, { email: 'soon@exp.test', orgs: [org] });
    const fresh = await seedUser(t, { email: 'fresh@exp.test', orgs: [org] });
    await ageDays(soon.id, 23.5); // 6.5 days left: the 7-day reminder
    await ageDays(fresh.id, 1);
    const runs = await Promise.all([1, 2, 3].map(() => sendPasswordExpiryReminders(t.database.db, 'http://localhost:3000')));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const mails = await mailsTo(t, 'soon@exp.test');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your Tessera password expires in 6 days');
    expect(await mailsTo(t, 'fresh@exp.test')).toHaveLength(0);

    await sendPasswordExpiryReminders(t.database.db, 'http://localhost:3000');
    expect(await mailsTo(t, 'soon@exp.test')).toHaveLength(1);
    await ageDays(soon.id, 29.5); // the day it expires
    await sendPasswordExpiryReminders(t.database.db, 'http://localhost:3000');
    expect((await mailsTo(t, 'soon@exp.test')).map((m) => m.subject)).toContain('Your Tessera password expires today');
  });

  it("follows the organization's reminder days, set in the Policies page", async () => {
    const org = await seedOrg(t, 'Early', { password: { maxAgeDays: 90, reminderDays: [30, 3] } });
    const dflt = await seedOrg(t, 'Default', { password: { maxAgeDays: 90 } });
    const early = await seedUser(t, { email: 'early@exp.test', orgs: [org] });
    const usual = await seedUser(t, { email: 'usual@exp.test', orgs: [dflt] });
    for (const u of [early, usual]) await ageDays(u.id, 69.5); // 20.5 days left
    await sendPasswordExpiryReminders(t.database.db, 'http://localhost:3000');
    expect((await mailsTo(t, 'early@exp.test')).map((m) => m.subject)).toEqual(['Your Tessera password expires in 20 days']);
    // The default list (14, 7, 1) has nothing due 20 days ahead.
    expect(await mailsTo(t, 'usual@exp.test')).toHaveLength(0);
  });

  it('sends nothing when passwords never expire', async () => {
    const org = await seedOrg(t, 'Forever');
    const u = await seedUser(t, { email: 'forever@exp.test', orgs: [org] });
    await ageDays(u.id, 400);
    await sendPasswordExpiryReminders(t.database.db, 'http://localhost:3000');
    expect(await mailsTo(t, 'forever@exp.test')).toHaveLength(0);
  });
});
