import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { auditEvents } from './schema/index.ts';
import { recordAudit } from '../domain/audit/record-audit.ts';
import type { AuditEventName } from '../../../contract/audit-events.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ctx = { ip: '127.0.0.1', userAgent: 'test', actorUserId: null };
// Names no real event has, so no other write can be mistaken for these; cast past the server's list.
const OUTSIDE = 'test.outside' as AuditEventName;
const INSIDE = 'test.inside' as AuditEventName;
const rowsOf = (event: string) => t.database.db.select().from(auditEvents).where(eq(auditEvents.event, event));

describe('prepared statements (db/prepared.ts)', () => {
  it('run inside the transaction they are given: a rollback takes their writes with it', async () => {
    await recordAudit(t.database.db, ctx, { event: OUTSIDE, outcome: 'success' });
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordAudit(tx, ctx, { event: INSIDE, outcome: 'success' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf(OUTSIDE)).toHaveLength(1);
    expect(await rowsOf(INSIDE)).toHaveLength(0);
  });
});
