import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { applyAuditRetention } from './apply-retention.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('audit retention', () => {
  it("deletes only events past each organization's retention; the log stays append-only otherwise", async () => {
    const short = await seedOrg(t, 'Short', { audit: { retentionDays: 60 } });
    const long = await seedOrg(t, 'Long');
    await t.database.db.insert(auditEvents).values([
      { orgId: short.id, event: 'old', outcome: 'success', at: daysAgo(90) },
      { orgId: short.id, event: 'recent', outcome: 'success', at: daysAgo(10) },
      { orgId: long.id, event: 'old-but-kept', outcome: 'success', at: daysAgo(90) },
    ]);
    await expect(t.database.db.delete(auditEvents).where(eq(auditEvents.event, 'old'))).rejects.toThrow();
    expect(await applyAuditRetention(t.database.db)).toBe(1);
    const left = (await t.database.db.select({ event: auditEvents.event }).from(auditEvents)).map((r) => r.event).sort();
    expect(left).toEqual(['old-but-kept', 'recent']);
    await expect(t.database.db.update(auditEvents).set({ event: 'forged' }).where(eq(auditEvents.event, 'recent'))).rejects.toThrow();
  });
});
