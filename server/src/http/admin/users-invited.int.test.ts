import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, linkTokenFrom, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { invitations } from '../../db/schema/index.ts';
import { createGroup } from '../../domain/groups/group-store.ts';

let t: TestApp;
let admin: TestClient;
let outsider: TestClient;
let groupId: string;

type Row = { id: string; email: string; status: string; firstName: string };
const emails = (res: { json(): { items: Row[] } }) => res.json().items.map((u) => u.email);

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  // Has an account (in another organization) and is invited to this one: invited, not a member yet.
  await seedUser(t, { email: 'known@other.test', orgs: [other] });
  groupId = (await createGroup(t.database.db, acme.id, 'Everyone')).id;
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('users list: the invited filter', () => {
  it('lists the people with a pending invitation, not members, and pages through them', async () => {
    const invite = (email: string, firstName: string) => admin.post('/api/admin/invitations', { email, firstName }).then((r) => r.json() as { id: string });
    const alice = await invite('alice@acme.test', 'Alice');
    await invite('known@other.test', 'Known');
    await admin.post('/api/admin/invitations', { email: 'carol@acme.test', firstName: 'Carol', role: 'admin' });
    const revoked = await invite('dave@acme.test', 'Dave');
    expect((await admin.delete(`/api/admin/invitations/${revoked.id}`)).statusCode).toBe(204);
    const expired = await invite('erin@acme.test', 'Erin');
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.id));
    await invite('frank@acme.test', 'Frank');
    // Frank accepts: he is a member now, no longer "invited".
    const accept = await t.client().post('/api/auth/invitations/accept', { token: await linkTokenFrom(t, 'frank@acme.test', '/invite'), password: STRONG_PASSWORD });
    expect(accept.statusCode).toBe(200);
    await invite('alice@acme.test', 'Alice'); // a newer invitation replaces the older one: Alice appears once
    await outsider.post('/api/admin/invitations', { email: 'zed@other.test' });

    const invited = await admin.get('/api/admin/users?status=invited&sort=email');
    expect(invited.statusCode).toBe(200);
    expect(emails(invited)).toEqual(['alice@acme.test', 'carol@acme.test', 'known@other.test']);
    expect(invited.json().items.every((u: Row) => u.status === 'invited')).toBe(true);
    expect(invited.json().items[0].id).not.toBe(alice.id);
    expect(emails(await admin.get('/api/admin/users?status=invited&q=caro'))).toEqual(['carol@acme.test']);
    expect(emails(await admin.get(`/api/admin/users?status=invited&groupId=${groupId}`))).toEqual([]);
    // The role they were invited with.
    expect(emails(await admin.get('/api/admin/users?status=invited&role=admin'))).toEqual(['carol@acme.test']);
    expect(emails(await admin.get('/api/admin/users?status=invited&role=member&sort=email'))).toEqual(['alice@acme.test', 'known@other.test']);

    const first = (await admin.get('/api/admin/users?status=invited&sort=-email&limit=2')).json();
    const second = (await admin.get(`/api/admin/users?status=invited&sort=-email&limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((u: Row) => u.email)).toEqual(['known@other.test', 'carol@acme.test', 'alice@acme.test']);
    expect(second.nextCursor).toBeNull();

    // The members list is unchanged: Frank is there (active), the invitees are not.
    const members = emails(await admin.get('/api/admin/users?limit=200'));
    expect(members).toContain('frank@acme.test');
    expect(members).not.toContain('carol@acme.test');
    expect(emails(await outsider.get('/api/admin/users?status=invited'))).toEqual(['zed@other.test']);
  });

  it("an invited row's id is its invitation's: it can be resent and revoked, then it leaves the filter", async () => {
    const [carol] = (await admin.get('/api/admin/users?status=invited&q=carol')).json().items as Row[];
    expect((await admin.post(`/api/admin/invitations/${carol.id}/resend`, {})).statusCode).toBe(200);
    expect((await outsider.delete(`/api/admin/invitations/${carol.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/invitations/${carol.id}`)).statusCode).toBe(204);
    expect(emails(await admin.get('/api/admin/users?status=invited&q=carol'))).toEqual([]);
  });
});
