import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, type TestApp } from '../../../test/harness.ts';
import { memberships } from '../../db/schema/index.ts';
import { addGroupMember, createGroup } from '../groups/group-store.ts';
import { appStanding, assignApp, createApp } from './app-store.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('appStanding', () => {
  it('says assigned only for the person assigned, directly or through a group, and active in the organization', async () => {
    const db = t.database.db;
    const acme = await seedOrg(t, 'Standing Acme');
    const other = await seedOrg(t, 'Standing Other');
    const [direct, viaGroup, colleague, suspended, stranger] = await Promise.all(
      ['direct', 'group', 'colleague', 'suspended', 'stranger'].map((n) => seedUser(t, { email: `${n}@standing.test`, orgs: [n === 'stranger' ? other : acme] })),
    );
    const app = await createApp(db, acme.id, { type: 'bookmark', name: 'Wiki', url: 'https://wiki.example.test' });
    const engineers = await createGroup(db, acme.id, 'Engineers');
    await addGroupMember(db, engineers.id, viaGroup.id);
    await assignApp(db, app.id, { userId: direct.id });
    await assignApp(db, app.id, { groupId: engineers.id });
    await assignApp(db, app.id, { userId: suspended.id });
    await db.update(memberships).set({ suspendedAt: new Date() }).where(and(eq(memberships.orgId, acme.id), eq(memberships.userId, suspended.id)));

    expect(await appStanding(db, app, direct.id)).toBe('assigned');
    expect(await appStanding(db, app, viaGroup.id)).toBe('assigned');
    // Someone else's assignments (direct or by group) give a colleague nothing.
    expect(await appStanding(db, app, colleague.id)).toBe('not_assigned');
    expect(await appStanding(db, app, suspended.id)).toBe('not_member');
    expect(await appStanding(db, app, stranger.id)).toBe('not_member');
  });
});
