import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { addMembership } from '../../domain/users/user-store.ts';
import { createApp } from '../../domain/apps/app-store.ts';
import { addGroupMember, createGroup } from '../../domain/groups/group-store.ts';

// The admin lists' search ignores case and accents (migration 0031's tessera_fold), as the portal's does.
let t: TestApp;
let admin: TestClient;
let groupId: string;

type Item = { email?: string; name?: string };
const list = async (url: string) => {
  const res = await admin.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Item[]).map((i) => i.email ?? i.name);
};

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  const db = t.database.db;
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  const eloise = await seedUser(t, { email: 'eloise@acme.test', orgs: [acme], firstName: 'Éloïse', lastName: 'Núñez' });
  await seedUser(t, { email: 'alkestis@acme.test', orgs: [acme], firstName: 'Άλκηστις', lastName: 'Παππά' });
  const jorg = await seedUser(t, { email: 'jorg@acme.test', orgs: [], firstName: 'Jörg', lastName: 'Smith' });
  await addMembership(db, { orgId: acme.id, userId: jorg.id, username: 'Čapek' });
  // Another organization's Éloïse is never found from Acme.
  await seedUser(t, { email: 'eloise@other.test', orgs: [other], firstName: 'Éloïse', lastName: 'Autre' });
  groupId = (await createGroup(db, acme.id, 'Équipe Rhône')).id;
  await createGroup(db, acme.id, 'Ops');
  await addGroupMember(db, groupId, eloise.id);
  await createApp(db, acme.id, { type: 'bookmark', name: 'Calendrier équipe', url: 'https://example.test/' });
  await createApp(db, acme.id, { type: 'bookmark', name: 'Wiki', url: 'https://example.test/' });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  expect((await admin.post('/api/admin/invitations', { email: 'zoe@acme.test', firstName: 'Zoë', lastName: 'Brontë' })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('admin search: case and accents', () => {
  it('finds members by name, whatever the accents and case typed', async () => {
    expect(await list('/api/admin/users?q=eloise')).toEqual(['eloise@acme.test']);
    expect(await list('/api/admin/users?q=NUNEZ')).toEqual(['eloise@acme.test']);
    expect(await list(`/api/admin/users?q=${encodeURIComponent('ÉLOÏSE NÚÑ')}`)).toEqual(['eloise@acme.test']);
    // Greek capitals lower-case too (ICU's rules, where the "C" collation would leave them), tonos left out.
    expect(await list(`/api/admin/users?q=${encodeURIComponent('ΑΛΚΗΣΤ')}`)).toEqual(['alkestis@acme.test']);
    expect(await list(`/api/admin/users?q=${encodeURIComponent('παππα')}`)).toEqual(['alkestis@acme.test']);
    expect(await list('/api/admin/users?q=jorg%20smi')).toEqual(['jorg@acme.test']);
    expect(await list('/api/admin/users?q=capek')).toEqual(['jorg@acme.test']);
  });

  it("still matches what is typed literally: % and _ are no wildcards, a near miss finds nobody", async () => {
    expect(await list('/api/admin/users?q=%25')).toEqual([]);
    expect(await list('/api/admin/users?q=_')).toEqual([]);
    expect(await list('/api/admin/users?q=eloisa')).toEqual([]);
    expect(await list('/api/admin/groups?q=%25')).toEqual([]);
  });

  it('finds invited people, groups, group members and applications the same way', async () => {
    expect(await list('/api/admin/users?status=invited&q=bronte')).toEqual(['zoe@acme.test']);
    expect(await list('/api/admin/users?status=invited&q=ZOE%20B')).toEqual(['zoe@acme.test']);
    expect(await list('/api/admin/groups?q=equipe%20rhone')).toEqual(['Équipe Rhône']);
    expect(await list(`/api/admin/groups/${groupId}/members?q=nunez`)).toEqual(['eloise@acme.test']);
    expect(await list('/api/admin/apps?q=EQUIPE')).toEqual(['Calendrier équipe']);
  });
});
