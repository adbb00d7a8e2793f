import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, type TestApp } from '../../../test/harness.ts';
import { addGroupMember, createGroup } from '../groups/group-store.ts';
import { memberships } from '../../db/schema/index.ts';
import { assignApp, createApp } from '../apps/app-store.ts';
import { removeAppAssignment } from '../apps/app-assignments.ts';
import { findActivePerson } from './find-active-person.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('findActivePerson (what every OIDC grant reads)', () => {
  it('brings the person with their groups of that organization only, by name, and nothing once suspended', async () => {
    const acme = await seedOrg(t, 'Acme');
    const other = await seedOrg(t, 'Other');
    const ada = await seedUser(t, { email: 'ada@acme.test', orgs: [acme, other] });
    const groupIds: string[] = [];
    for (const [org, name] of [[acme, 'Zeta'], [acme, 'Alpha'], [other, 'Elsewhere']] as const) {
      const group = await createGroup(t.database.db, org.id, name);
      await addGroupMember(t.database.db, group.id, ada.id);
      groupIds.push(group.id);
    }
    const wiki = await createApp(t.database.db, acme.id, { type: 'oidc', name: 'Wiki' });
    const crm = await createApp(t.database.db, other.id, { type: 'oidc', name: 'Crm' });
    await assignApp(t.database.db, wiki.id, { groupId: groupIds[1] });
    await assignApp(t.database.db, crm.id, { userId: ada.id });
    expect(await findActivePerson(t.database.db, wiki, ada.id)).toMatchObject({ email: 'ada@acme.test', groups: ['Alpha', 'Zeta'], emailVerifiedAt: expect.any(Date) });
    // Twice: the prepared statement serves again with other values.
    expect((await findActivePerson(t.database.db, crm, ada.id))?.groups).toEqual(['Elsewhere']);
    await t.database.db.update(memberships).set({ suspendedAt: new Date() }).where(eq(memberships.orgId, acme.id));
    expect(await findActivePerson(t.database.db, wiki, ada.id)).toBeUndefined();
    expect(await findActivePerson(t.database.db, crm, 'not-a-uuid')).toBeUndefined();
  });

  it('brings nobody once the application is no longer theirs, directly or through a group', async () => {
    const org = await seedOrg(t, 'Initech');
    const bob = await seedUser(t, { email: 'bob@initech.test', orgs: [org] });
    const group = await createGroup(t.database.db, org.id, 'Engineering');
    await addGroupMember(t.database.db, group.id, bob.id);
    const app = await createApp(t.database.db, org.id, { type: 'oidc', name: 'Wiki' });
    expect(await findActivePerson(t.database.db, app, bob.id)).toBeUndefined();
    await assignApp(t.database.db, app.id, { groupId: group.id });
    await assignApp(t.database.db, app.id, { userId: bob.id });
    expect(await findActivePerson(t.database.db, app, bob.id)).toBeDefined();
    await removeAppAssignment(t.database.db, app.id, { userId: bob.id });
    expect(await findActivePerson(t.database.db, app, bob.id)).toBeDefined();
    await removeAppAssignment(t.database.db, app.id, { groupId: group.id });
    expect(await findActivePerson(t.database.db, app, bob.id)).toBeUndefined();
  });
});
