import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, type TestApp } from '../../../test/harness.ts';
import { appAssignments, groupMembers, invitations, memberships, mfaFactors, recoveryCodes } from '../schema/index.ts';
import { addGroupMember, createGroup } from '../../domain/groups/group-store.ts';
import { assignApp, createApp } from '../../domain/apps/app-store.ts';
import { createInvitation } from '../../domain/invitations/invitation-store.ts';
import { hashRecoveryCode } from '../../domain/mfa/recovery-codes.ts';

/**
 * The data a migration repairs cannot be made by today's code, so each test writes it by hand on a
 * migrated database and runs the migration's statements again (each is a repair that may run twice).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function rerun(name: string) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.sql`);
  for (const statement of readFileSync(file, 'utf8').split('--> statement-breakpoint')) {
    // Schema changes already applied; only the repairs run again.
    if (/^\s*(--[^\n]*\n\s*)*(DELETE|UPDATE)/i.test(statement)) await t.database.db.execute(sql.raw(statement));
  }
}

describe('data migrations', () => {
  it('0027 takes groups and direct assignments from whoever is no longer a member, and only from them', async () => {
    const org = await seedOrg(t, 'Orphans');
    const [stays, left] = [await seedUser(t, { email: 'stays@orphans.test', orgs: [org] }), await seedUser(t, { email: 'left@orphans.test', orgs: [org] })];
    const group = await createGroup(t.database.db, org.id, 'Everyone');
    const app = await createApp(t.database.db, org.id, { type: 'bookmark', name: 'Wiki', url: 'https://wiki.example/', description: '', details: '' });
    for (const u of [stays, left]) {
      await addGroupMember(t.database.db, group.id, u.id);
      await assignApp(t.database.db, app.id, { userId: u.id });
    }
    await t.database.db.delete(memberships).where(eq(memberships.userId, left.id));
    await rerun('0027_orphaned_access');
    expect((await t.database.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).map((m) => m.userId)).toEqual([stays.id]);
    expect((await t.database.db.select().from(appAssignments).where(eq(appAssignments.appId, app.id))).map((a) => a.userId)).toEqual([stays.id]);
  });

  it('0024 drops recovery codes that stand for no factor, and set-ups bound to no session', async () => {
    const org = await seedOrg(t, 'Codes');
    const [none, some] = [await seedUser(t, { email: 'none@codes.test', orgs: [org] }), await seedUser(t, { email: 'some@codes.test', orgs: [org] })];
    await t.database.db.insert(mfaFactors).values([
      { userId: some.id, type: 'totp', name: 'App', confirmedAt: new Date() },
      { userId: none.id, type: 'totp', name: 'Half set up' },
    ]);
    await t.database.db.insert(recoveryCodes).values([none, some].map((u) => ({ userId: u.id, codeHash: hashRecoveryCode(`CODE-${u.id}`) })));
    await rerun('0024_pending_totp_per_session');
    expect((await t.database.db.select().from(recoveryCodes)).filter((r) => [none.id, some.id].includes(r.userId)).map((r) => r.userId)).toEqual([some.id]);
    expect(await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.userId, none.id))).toHaveLength(0);
  });

  it('0025 counts as accepted the pending invitations of people who are members already', async () => {
    const org = await seedOrg(t, 'Joined');
    await seedUser(t, { email: 'in@joined.test', orgs: [org] });
    const { invitation: member } = await createInvitation(t.database.db, { orgId: org.id, email: 'in@joined.test', role: 'member' });
    const { invitation: stranger } = await createInvitation(t.database.db, { orgId: org.id, email: 'out@joined.test', role: 'member' });
    await rerun('0025_invitation_language');
    const rows = await t.database.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(rows.find((r) => r.id === member.id)!.acceptedAt).not.toBeNull();
    expect(rows.find((r) => r.id === stranger.id)!.acceptedAt).toBeNull();
  });
});
