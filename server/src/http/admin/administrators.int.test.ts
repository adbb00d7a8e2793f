import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { auditEvents, memberships } from '../../db/schema/index.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let admin: TestClient;
let member: TestClient;
let outsider: TestClient;
let bossId: string;
let adaId: string;

const emails = (res: { json(): { items: { email: string }[] } }) => res.json().items.map((u) => u.email);
const roleOf = async (userId: string) => (await t.database.db.select().from(memberships).where(and(eq(memberships.orgId, acme.id), eq(memberships.userId, userId))))[0].role;
const roleAudits = async (userId: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.updated'), eq(auditEvents.targetUserId, userId))).orderBy(desc(auditEvents.at))).map((e) => e.details as { old: { role: string }; new: { role?: string } });

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  bossId = (await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' })).id;
  adaId = (await seedUser(t, { email: 'ada@acme.test', orgs: [acme] })).id;
  await seedUser(t, { email: 'bob@acme.test', orgs: [acme], firstName: 'Bob', lastName: 'Byte' });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  admin = t.client();
  await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  member = t.client();
  await member.signIn('bob@acme.test', STRONG_PASSWORD);
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('the administrators of an organization', () => {
  it('are listed with role=admin, and the members who could become one with role=member', async () => {
    expect(emails(await admin.get('/api/admin/users?role=admin'))).toEqual(['boss@acme.test']);
    expect(emails(await admin.get('/api/admin/users?role=member'))).toEqual(['bob@acme.test', 'ada@acme.test']);
    expect(emails(await admin.get('/api/admin/users?role=member&q=bob'))).toEqual(['bob@acme.test']);
    expect((await admin.get('/api/admin/users?role=owner')).statusCode).toBe(400);
    // Another organization's administrators are not listed.
    expect(emails(await outsider.get('/api/admin/users?role=admin'))).toEqual(['admin@other.test']);
  });

  it('gain and lose the role, audited with the old and the new role', async () => {
    expect((await admin.post(`/api/admin/users/${adaId}`, { role: 'admin' })).statusCode).toBe(204);
    expect(emails(await admin.get('/api/admin/users?role=admin'))).toEqual(['boss@acme.test', 'ada@acme.test']);
    expect((await roleAudits(adaId))[0]).toMatchObject({ old: { role: 'member' }, new: { role: 'admin' } });

    expect((await admin.post(`/api/admin/users/${adaId}`, { role: 'member' })).statusCode).toBe(204);
    expect(await roleOf(adaId)).toBe('member');
    expect((await roleAudits(adaId))[0]).toMatchObject({ old: { role: 'admin' }, new: { role: 'member' } });
  });

  it('always keep one: revoking the last administrator is refused with admin.last_admin, and nothing changes', async () => {
    const before = (await roleAudits(bossId)).length;
    const res = await admin.post(`/api/admin/users/${bossId}`, { role: 'member' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('admin.last_admin');
    expect(await roleOf(bossId)).toBe('admin');
    expect(await roleAudits(bossId)).toHaveLength(before);
  });

  it('refuses a bad role with 400, another organization 404 and members 403, changing nothing', async () => {
    expect((await admin.post(`/api/admin/users/${adaId}`, { role: 'owner' })).statusCode).toBe(400);
    expect((await outsider.post(`/api/admin/users/${adaId}`, { role: 'admin' })).statusCode).toBe(404);
    expect((await member.post(`/api/admin/users/${adaId}`, { role: 'admin' })).statusCode).toBe(403);
    expect((await member.get('/api/admin/users?role=admin')).statusCode).toBe(403);
    expect(await roleOf(adaId)).toBe('member');
  });
});
