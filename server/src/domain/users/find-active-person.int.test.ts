import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, type TestApp } from '../../../test/harness.ts';
import { addGroupMember, createGroup } from '../groups/group-store.ts';
import { memberships } from '../../db/schema/index.ts';
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
    for (const [org, name] of [[acme, 'Zeta'], [acme, 'Alpha'], [other, 'Elsewhere']] as const) await addGroupMember(t.database.db, (await createGroup(t.database.db, org.id, name)).id, ada.id);
    expect(await findActivePerson(t.database.db, acme.id, ada.id)).toMatchObject({ email: 'ada@acme.test', groups: ['Alpha', 'Zeta'] });
    // Twice: the prepared statement serves again with other values.
    expect((await findActivePerson(t.database.db, other.id, ada.id))?.groups).toEqual(['Elsewhere']);
    await t.database.db.update(memberships).set({ suspendedAt: new Date() }).where(eq(memberships.orgId, acme.id));
    expect(await findActivePerson(t.database.db, acme.id, ada.id)).toBeUndefined();
    expect(await findActivePerson(t.database.db, other.id, 'not-a-uuid')).toBeUndefined();
  });
});
