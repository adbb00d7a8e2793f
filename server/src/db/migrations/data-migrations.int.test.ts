import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray, sql } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, type TestApp } from '../../../test/harness.ts';
import { apiKeys, appAssignments, apps, groupMembers, groups, invitations, memberships, mfaFactors, orgs, recoveryCodes, sshKeys, users } from '../schema/index.ts';
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
  it('0029 writes names in NFC; where two names of an organization become one, the older keeps it and a later one gets a suffix', async () => {
    // Written by hand: today's contract (lineText) would compose them before they reach a row.
    const nfd = (s: string) => s.normalize('NFD');
    const nfc = (s: string) => s.normalize('NFC');
    const db = t.database.db;
    const org = await seedOrg(t, 'Unicode');
    const other = await seedOrg(t, 'Elsewhere');
    const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 0, minutes));
    // Partly composed is a third way to write "Élysée": three groups that will be one name.
    const partly = `E\u0301lys${nfc('é')}e`;
    const [older, newer, first, second, third, apart, plain] = await db
      .insert(groups)
      .values([
        { orgId: org.id, name: nfd('Café'), createdAt: at(1) },
        { orgId: org.id, name: nfc('CAFÉ'), createdAt: at(2) },
        { orgId: org.id, name: partly, createdAt: at(3) },
        { orgId: org.id, name: nfd('Élysée'), createdAt: at(4) },
        { orgId: org.id, name: nfc('Élysée'), createdAt: at(5) },
        { orgId: other.id, name: nfd('Café'), createdAt: at(6) },
        { orgId: org.id, name: 'Plain', createdAt: at(7) },
      ])
      .returning();
    const [firstApp, secondApp] = await db
      .insert(apps)
      .values([
        { orgId: org.id, type: 'bookmark' as const, name: nfc('Zoë Wiki'), url: 'https://wiki.example/', createdAt: at(1) },
        { orgId: org.id, type: 'bookmark' as const, name: nfd('Zoë Wiki'), url: 'https://wiki.example/', createdAt: at(2) },
      ])
      .returning();
    const person = await seedUser(t, { email: 'zoe@unicode.test', orgs: [org] });
    await db.update(users).set({ firstName: nfd('Zoë'), lastName: nfd('Lefèvre'), personal: { city: nfd('Montréal'), homePhone: '+1 514' } }).where(eq(users.id, person.id));
    await db.update(memberships).set({ employment: { jobTitle: nfd('Chargée de projet'), manager: 'Ada' } }).where(eq(memberships.userId, person.id));
    await db.update(orgs).set({ name: nfd('Société Générale'), branding: { displayName: nfd('Société'), accentColor: '#1c7ed6' } }).where(eq(orgs.id, org.id));
    const { invitation } = await createInvitation(db, { orgId: org.id, email: 'noel@unicode.test', role: 'member', firstName: nfd('Noël'), lastName: nfd('Müller') });
    await db.insert(mfaFactors).values({ userId: person.id, type: 'totp', name: nfd('Téléphone'), confirmedAt: new Date() });
    await db.insert(sshKeys).values({ userId: person.id, name: nfd('Portable à Zoë'), publicKey: 'ssh-ed25519 AAAA', fingerprint: 'SHA256:nfc-migration-test', type: 'ed25519', bits: 256 });
    await db.insert(apiKeys).values({ orgId: org.id, name: nfd('Intégration'), tokenHash: 'nfc-migration-test', prefix: 'tsr_nfc' });

    await rerun('0029_nfc_names');
    const groupNames = async () => new Map((await db.select().from(groups).where(inArray(groups.id, [older, newer, first, second, third, apart, plain].map((g) => g.id)))).map((g) => [g.id, g.name]));
    const after = await groupNames();
    const suffixed = (name: string, id: string) => `${nfc(name)} (${id.slice(0, 8)})`;
    expect(after.get(older.id)).toBe(nfc('Café'));
    expect(after.get(newer.id)).toBe(suffixed('CAFÉ', newer.id));
    expect([after.get(first.id), after.get(second.id), after.get(third.id)]).toEqual([nfc('Élysée'), suffixed('Élysée', second.id), suffixed('Élysée', third.id)]);
    expect(after.get(apart.id)).toBe(nfc('Café'));
    expect(after.get(plain.id)).toBe('Plain');
    const appNames = new Map((await db.select().from(apps).where(inArray(apps.id, [firstApp.id, secondApp.id]))).map((a) => [a.id, a.name]));
    expect(appNames.get(firstApp.id)).toBe(nfc('Zoë Wiki'));
    expect(appNames.get(secondApp.id)).toBe(`${nfc('Zoë Wiki')} (${secondApp.id.slice(0, 8)})`);

    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(user).toMatchObject({ firstName: nfc('Zoë'), lastName: nfc('Lefèvre'), personal: { city: nfc('Montréal'), homePhone: '+1 514' } });
    expect((await db.select().from(memberships).where(eq(memberships.userId, person.id)))[0].employment).toEqual({ jobTitle: nfc('Chargée de projet'), manager: 'Ada' });
    expect((await db.select().from(orgs).where(eq(orgs.id, org.id)))[0]).toMatchObject({ name: nfc('Société Générale'), branding: { displayName: nfc('Société'), accentColor: '#1c7ed6' } });
    expect((await db.select().from(invitations).where(eq(invitations.id, invitation.id)))[0]).toMatchObject({ firstName: nfc('Noël'), lastName: nfc('Müller') });
    expect((await db.select().from(mfaFactors).where(eq(mfaFactors.userId, person.id)))[0].name).toBe(nfc('Téléphone'));
    expect((await db.select().from(sshKeys).where(eq(sshKeys.userId, person.id)))[0].name).toBe(nfc('Portable à Zoë'));
    expect((await db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id)))[0].name).toBe(nfc('Intégration'));

    // A second run finds nothing left to do: no suffix on a suffix.
    await rerun('0029_nfc_names');
    expect(await groupNames()).toEqual(after);
  });

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

  it('0032 gives a later live API key of an existing name a suffix, so the names can be unique; revoked keys keep theirs', async () => {
    const org = await seedOrg(t, 'Keys');
    await t.database.db.execute(sql.raw('DROP INDEX api_keys_org_live_name'));
    const key = (name: string, n: number, revokedAt: Date | null = null) => ({ orgId: org.id, name, tokenHash: `hash-${org.id}-${n}`, prefix: 'tsk_x', revokedAt, createdAt: new Date(Date.UTC(2026, 0, n)) });
    const [first, second, revoked] = await t.database.db.insert(apiKeys).values([key('Deploy', 1), key('deploy', 2), key('DEPLOY', 3, new Date())]).returning();
    await rerun('0032_api_key_names_unique');
    await t.database.db.execute(sql.raw('CREATE UNIQUE INDEX "api_keys_org_live_name" ON "api_keys" USING btree ("org_id",lower("name")) WHERE "api_keys"."revoked_at" is null'));
    const names = new Map((await t.database.db.select().from(apiKeys).where(eq(apiKeys.orgId, org.id))).map((k) => [k.id, k.name]));
    expect([names.get(first.id), names.get(second.id), names.get(revoked.id)]).toEqual(['Deploy', `deploy (${second.id.slice(0, 8)})`, 'DEPLOY']);
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
