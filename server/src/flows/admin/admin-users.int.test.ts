import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { addMembership, findUserByEmail, listMemberships } from '../../domain/users/user-store.ts';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let other: Awaited<ReturnType<typeof seedOrg>>;
let admin: TestClient;
let member: TestClient;
let outsider: TestClient;
let bossId: string;
let adaId: string;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { lockout: { maxFailures: 2 } });
  other = await seedOrg(t, 'Other');
  bossId = (await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' })).id;
  adaId = (await seedUser(t, { email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' })).id;
  for (let i = 0; i < 7; i++) await seedUser(t, { email: `user${i}@acme.test`, orgs: [acme], firstName: `User${i}`, lastName: 'Zed' });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  admin = t.client();
  await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  member = t.client();
  await member.signIn('user0@acme.test', STRONG_PASSWORD);
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('admin authorization', () => {
  const endpoints = (id: string): [string, string][] => [
    ['GET', `/api/admin/users/${id}/sessions`],
    ['GET', `/api/admin/users/${id}/lockout`],
    ['GET', `/api/admin/users/${id}/factors`],
    ['POST', `/api/admin/users/${id}`],
    ['POST', `/api/admin/users/${id}/suspend`],
    ['POST', `/api/admin/users/${id}/reactivate`],
    ['POST', `/api/admin/users/${id}/require-password-change`],
    ['POST', `/api/admin/users/${id}/sign-out`],
    ['POST', `/api/admin/users/${id}/unlock`],
    ['POST', `/api/admin/users/${id}/mfa/reset`],
    ['DELETE', `/api/admin/users/${id}`],
  ];

  it('answers members 403 and administrators of another organization 404, changing nothing', async () => {
    for (const [method, url] of endpoints(adaId)) {
      const m = await member.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(m.statusCode, `${method} ${url} as member`).toBe(403);
      const o = await outsider.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(o.statusCode, `${method} ${url} as outsider`).toBe(404);
    }
    for (const url of ['/api/admin/users', '/api/admin/policies', '/api/admin/audit', '/api/admin/apps', '/api/admin/groups', '/api/admin/invitations']) {
      expect((await member.get(url)).statusCode, url).toBe(403);
      expect((await t.client().get(url)).statusCode, url).toBe(401);
    }
    expect((await outsider.get('/api/admin/users')).json().items.map((u: { email: string }) => u.email)).toEqual(['admin@other.test']);
    expect((await t.client().signIn('ada@acme.test', STRONG_PASSWORD)).statusCode).toBe(200);
  });
});

describe('users list', () => {
  it('searches by name, e-mail and username, pages with a cursor, and filters by status', async () => {
    const byName = (await admin.get('/api/admin/users?q=lovelace')).json();
    expect(byName.items.map((u: { email: string }) => u.email)).toEqual(['ada@acme.test']);
    expect((await admin.get('/api/admin/users?q=BOSS@')).json().items).toHaveLength(1);

    const first = (await admin.get('/api/admin/users?limit=4')).json();
    expect(first.items).toHaveLength(4);
    const second = (await admin.get(`/api/admin/users?limit=4&cursor=${first.nextCursor}`)).json();
    const third = (await admin.get(`/api/admin/users?limit=4&cursor=${second.nextCursor}`)).json();
    const all = [...first.items, ...second.items, ...third.items].map((u: { email: string }) => u.email);
    expect(new Set(all).size).toBe(9);
    expect(third.nextCursor).toBeNull();
    expect(all[0]).toBe('boss@acme.test'); // Hopper before Lovelace before Zed

    await t.client().signIn('user3@acme.test', 'wrong-1-password');
    await t.client().signIn('user3@acme.test', 'wrong-2-password');
    expect((await admin.get('/api/admin/users?status=locked')).json().items.map((u: { email: string }) => u.email)).toEqual(['user3@acme.test']);
    expect((await admin.get('/api/admin/users?sort=bogus')).statusCode).toBe(400);
  });
});

describe('member actions', () => {
  it('suspends a member (signed out at once, cannot sign in) and reactivates them', async () => {
    const c = t.client();
    await c.signIn('user1@acme.test', STRONG_PASSWORD);
    const id = (await admin.get('/api/admin/users?q=user1@')).json().items[0].id;
    expect((await admin.post(`/api/admin/users/${id}/suspend`, {})).statusCode).toBe(204);
    expect((await c.get('/api/session')).statusCode).toBe(401);
    const retry = await t.client().signIn('user1@acme.test', STRONG_PASSWORD);
    expect(retry.statusCode).toBe(401);
    expect(retry.json().error.code).toBe('sign_in.invalid_credentials');
    expect((await admin.get('/api/admin/users?status=suspended')).json().items.map((u: { id: string }) => u.id)).toEqual([id]);
    expect((await admin.post(`/api/admin/users/${id}/reactivate`, {})).statusCode).toBe(204);
    expect((await t.client().signIn('user1@acme.test', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('forces a password change at the next sign-in', async () => {
    const id = (await admin.get('/api/admin/users?q=user2@')).json().items[0].id;
    expect((await admin.get('/api/admin/users?status=password_expired')).json().items).toEqual([]);
    await admin.post(`/api/admin/users/${id}/require-password-change`, {});
    // Until they set it, the list shows them among those who need a new password.
    const needing = (await admin.get('/api/admin/users?status=password_expired')).json().items;
    expect(needing.map((u: { id: string; mustChangePassword: boolean }) => [u.id, u.mustChangePassword])).toEqual([[id, true]]);
    expect((await t.client().signIn('user2@acme.test', STRONG_PASSWORD)).json()).toMatchObject({ step: 'change_password', reason: 'required' });
  });

  it('keeps one administrator when the last two demote each other at the same moment', async () => {
    const duo = await seedOrg(t, 'Duo');
    const a = await seedUser(t, { email: 'a@duo.test', orgs: [duo], role: 'admin' });
    const b = await seedUser(t, { email: 'b@duo.test', orgs: [duo], role: 'admin' });
    const ca = t.client();
    const cb = t.client();
    await ca.signIn('a@duo.test', STRONG_PASSWORD, { portal: 'admin' });
    await cb.signIn('b@duo.test', STRONG_PASSWORD, { portal: 'admin' });
    const results = await Promise.all([ca.post(`/api/admin/users/${b.id}`, { role: 'member' }), cb.post(`/api/admin/users/${a.id}`, { role: 'member' })]);
    // One wins; the other is refused — as no longer an admin (403) or as the last one (409).
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 403 || r.statusCode === 409)).toHaveLength(1);
    const admins = (await listMemberships(t.database.db, a.id)).concat(await listMemberships(t.database.db, b.id)).filter((m) => m.slug === 'duo' && m.role === 'admin');
    expect(admins).toHaveLength(1);
  });

  it('keeps at least one administrator', async () => {
    expect((await admin.post(`/api/admin/users/${bossId}`, { role: 'member' })).json().error.code).toBe('admin.last_admin');
    expect((await admin.post(`/api/admin/users/${bossId}/suspend`, {})).statusCode).toBe(409);
    expect((await admin.delete(`/api/admin/users/${bossId}`, {})).statusCode).toBe(409);
    expect((await admin.post(`/api/admin/users/${adaId}`, { role: 'admin', firstName: 'Augusta Ada' })).statusCode).toBe(204);
    expect((await admin.get('/api/admin/users?q=augusta')).json().items[0]).toMatchObject({ role: 'admin', firstName: 'Augusta Ada' });
    expect((await admin.post(`/api/admin/users/${adaId}`, { role: 'member' })).statusCode).toBe(204);
  });

  it('removes a member from the organization and ends their sessions', async () => {
    const c = t.client();
    await c.signIn('user4@acme.test', STRONG_PASSWORD);
    const id = (await admin.get('/api/admin/users?q=user4@')).json().items[0].id;
    expect((await admin.delete(`/api/admin/users/${id}`, {})).statusCode).toBe(204);
    expect((await c.get('/api/session')).statusCode).toBe(401);
    expect((await admin.get('/api/admin/users?q=user4@')).json().items).toEqual([]);
  });
});

describe('policies and audit', () => {
  it('applies a changed password policy to the next password change, audited with old and new values', async () => {
    const res = await admin.post('/api/admin/policies', { password: { minLength: 20 } });
    expect(res.json().password.minLength).toBe(20);
    const c = t.client();
    await c.signIn('user5@acme.test', STRONG_PASSWORD);
    const tooShort = await c.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'only-19-characters!' });
    expect(tooShort.statusCode).toBe(422);
    expect((await c.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'now-twenty-characters!' })).statusCode).toBe(200);
    const audit = (await admin.get('/api/admin/audit?event=policies.updated')).json().items;
    expect(audit[0].details.old.password.minLength).toBe(12);
    expect(audit[0].details.new.password.minLength).toBe(20);
    expect((await admin.post('/api/admin/policies', { password: { minLength: 3 } })).statusCode).toBe(400);
  });

  it('changes only the fields named: the rest of a section keeps its value', async () => {
    await admin.post('/api/admin/policies', { password: { minLength: 14, maxAgeDays: 90, historyCount: 8, reminderDays: [10, 3] } });
    const res = await admin.post('/api/admin/policies', { password: { minLength: 16 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().password).toMatchObject({ minLength: 16, maxAgeDays: 90, historyCount: 8, reminderDays: [10, 3] });
    expect((await admin.post('/api/admin/policies', { password: { bogus: 1 } })).statusCode).toBe(400);
    await admin.post('/api/admin/policies', { password: { minLength: 20, maxAgeDays: 0, historyCount: 5, reminderDays: [14, 7, 1] } });
  });

  it('filters the audit log, pages it, and exports CSV safe from formula injection', async () => {
    const failures = (await admin.get(`/api/admin/audit?outcome=failure&limit=1`)).json();
    expect(failures.items).toHaveLength(1);
    expect(failures.items[0].outcome).toBe('failure');
    const next = (await admin.get(`/api/admin/audit?outcome=failure&limit=1&cursor=${failures.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(failures.items[0].id);
    await t.client().post('/api/auth/sign-in', { email: 'user6@acme.test' }, { headers: { 'user-agent': '=HYPERLINK("http://evil")' } });
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'user6@acme.test' }, { headers: { 'user-agent': '=cmd|calc' } });
    await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD }, { headers: { 'user-agent': '=cmd|calc' } });
    const csv = await admin.get('/api/admin/audit.csv?event=sign_in');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('at,event,outcome,actor_user_id,actor_email,target_user_id,target_email,concerning,ip,user_agent,details');
    expect(csv.body).toContain("'=cmd|calc");
    expect(csv.body).not.toMatch(/,=cmd/);
    expect((await outsider.get('/api/admin/audit')).json().items.every((e: { orgId: string }) => e.orgId === other.id)).toBe(true);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, reach only their organization, are audited and can be revoked', async () => {
    const created = await admin.post('/api/admin/api-keys', { name: 'Provisioning' });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify((await admin.get('/api/admin/api-keys')).json())).not.toContain(key);

    const bot = t.client();
    const list = await bot.get('/api/admin/users?q=ada', { headers: { authorization: `Bearer ${key}` } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0].email).toBe('ada@acme.test');
    const otherOrgUser = (await outsider.get('/api/admin/users')).json().items[0].id;
    expect((await bot.post(`/api/admin/users/${otherOrgUser}/suspend`, {}, { headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(404);
    expect((await bot.post('/api/admin/api-keys', { name: 'x' }, { headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(403);
    const used = (await admin.get('/api/admin/audit?event=api_key.used')).json().items;
    expect(used.length).toBeGreaterThanOrEqual(2);
    expect(used[0].details.apiKeyId).toBe(id);

    expect((await admin.delete(`/api/admin/api-keys/${id}`, {})).statusCode).toBe(204);
    expect((await bot.get('/api/admin/users', { headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
    expect((await bot.get('/api/admin/users', { headers: { authorization: 'Bearer tsk_forged' } })).statusCode).toBe(401);
  });

  it('refuses a second live key of the same name (any case), and frees the name once the first is revoked', async () => {
    const first = (await admin.post('/api/admin/api-keys', { name: 'CI deploy' })).json();
    const again = await admin.post('/api/admin/api-keys', { name: 'ci DEPLOY' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('api_key.name_taken');
    expect((await admin.get('/api/admin/api-keys?limit=200')).json().items.filter((k: { name: string }) => k.name.toLowerCase() === 'ci deploy')).toHaveLength(1);
    // Another organization may use it.
    expect((await outsider.post('/api/admin/api-keys', { name: 'CI deploy' })).statusCode).toBe(201);
    expect((await admin.delete(`/api/admin/api-keys/${first.id}`, {})).statusCode).toBe(204);
    expect((await admin.post('/api/admin/api-keys', { name: 'CI deploy' })).statusCode).toBe(201);
  });
});

describe('groups, member page and bulk invitations', () => {
  it('renames and deletes groups, removes members; other organizations get 404', async () => {
    const group = (await admin.post('/api/admin/groups', { name: 'Ops' })).json();
    await admin.post(`/api/admin/groups/${group.id}/members`, { userId: adaId });
    expect((await admin.post(`/api/admin/groups/${group.id}`, { name: 'Operations' })).statusCode).toBe(204);
    expect((await admin.get('/api/admin/groups')).json().items.map((g: { name: string }) => g.name)).toContain('Operations');
    expect((await outsider.delete(`/api/admin/groups/${group.id}/members/${adaId}`, {})).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/groups/${group.id}/members/${adaId}`, {})).statusCode).toBe(204);
    expect((await admin.get(`/api/admin/groups/${group.id}/members`)).json().items).toEqual([]);
    expect((await outsider.delete(`/api/admin/groups/${group.id}`, {})).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/groups/${group.id}`, {})).statusCode).toBe(204);
    expect((await admin.get('/api/admin/groups')).json().items.map((g: { name: string }) => g.name)).not.toContain('Operations');
  });

  it('refuses names holding invisible characters, and takes a name typed decomposed as the same name', async () => {
    for (const name of ['Admins\u200B', 'Ad\u2060mins', 'Ad\uFEFFmins']) {
      const res = await admin.post('/api/admin/groups', { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'request.invalid', fields: [{ path: 'name', message: 'contains invisible characters (such as a zero-width space)' }] });
    }
    expect((await admin.post('/api/admin/apps', { name: 'Wiki\u200D', url: 'https://wiki.example/' })).json().error.fields[0].path).toBe('name');
    expect((await admin.post(`/api/admin/users/${adaId}`, { firstName: 'A\u200Bda' })).statusCode).toBe(400);

    const created = (await admin.post('/api/admin/groups', { name: 'Cafe\u0301' })).json();
    expect(created.name).toBe('Caf\u00E9');
    expect((await admin.post('/api/admin/groups', { name: 'Caf\u00E9' })).json().error.code).toBe('group.name_taken');
    expect((await admin.delete(`/api/admin/groups/${created.id}`, {})).statusCode).toBe(204);
  });

  it("shows a member's groups, applications, factors and recent events", async () => {
    const group = (await admin.post('/api/admin/groups', { name: 'Readers' })).json();
    await admin.post(`/api/admin/groups/${group.id}/members`, { userId: adaId });
    const app = (await admin.post('/api/admin/apps', { name: 'Library', url: 'https://library.example/' })).json();
    await admin.post(`/api/admin/apps/${app.id}/assignments`, { groupId: group.id });
    const page = (await admin.get(`/api/admin/users/${adaId}`)).json();
    expect(page).toMatchObject({ email: 'ada@acme.test', groups: [{ name: 'Readers' }], apps: [{ name: 'Library' }], factors: [] });
    expect(page.events.some((e: { event: string }) => e.event === 'sign_in')).toBe(true);
    expect((await outsider.get(`/api/admin/users/${adaId}`)).statusCode).toBe(404);
  });

  it('takes a CSV larger than the default body limit (a thousand rows with names)', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `big${i}@acme.test,Bartholomew-Maximilian ${i},Ödegaard-Łukasiewicz,member`);
    const csv = `email,firstName,lastName,role\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const res = await admin.post('/api/admin/invitations/bulk', { csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ invited: 1000, failed: 0 });
  });

  it('invites a CSV of people with a per-row report; bad rows do not stop the others', async () => {
    const csv = 'email,firstName,lastName,role,username\nbulk1@acme.test,Bea,One,member,bea\nnot-an-address,Bad,Row,member\nbulk2@acme.test,Ben,Two,admin\nada@acme.test,Ada,Again,member\nBULK1@acme.test,Dup,Row,member\nbulk3@acme.test,Bea,Three,member,BEA\n';
    const res = await admin.post('/api/admin/invitations/bulk', { csv });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ invited: 2, failed: 4 });
    // Rows by their line in the file, the header being line 1, as a spreadsheet shows them.
    expect(report.rows.map((r: { row: number; ok: boolean; code?: string }) => [r.row, r.ok, r.code])).toEqual([
      [2, true, undefined],
      [3, false, 'user.email_invalid'],
      [4, true, undefined],
      [5, false, 'user.already_member'],
      // The same address or username twice in one file: the first row stands, with its name.
      [6, false, 'invitation.duplicate_row'],
      [7, false, 'invitation.duplicate_row'],
    ]);
    expect(report.rows[4].message).toBe('Row 2 of this file already has this address.');
    const first = (await admin.get('/api/admin/users?status=invited&q=bulk1@')).json().items.find((i: { email: string }) => i.email === 'bulk1@acme.test');
    expect(first).toMatchObject({ firstName: 'Bea' });
    const pending = (await admin.get('/api/admin/invitations')).json().items.filter((i: { status: string }) => i.status === 'pending').map((i: { email: string; role: string }) => [i.email, i.role]);
    expect(pending).toEqual(expect.arrayContaining([['bulk1@acme.test', 'member'], ['bulk2@acme.test', 'admin']]));
  });

  it('says which column of a malformed row is wrong, and which rows replaced a pending invitation', async () => {
    const first = await admin.post('/api/admin/invitations/bulk', { csv: 'again1@acme.test,Ann,Again,member\n' });
    expect(first.json().rows[0]).toMatchObject({ ok: true });
    expect(first.json().rows[0].replacedEarlier).toBeUndefined();
    const res = await admin.post('/api/admin/invitations/bulk', { csv: 'again1@acme.test,Ann,Again,member\nboss@acme.test,Bo,Boss,owner\n' });
    expect(res.json().rows).toMatchObject([
      { row: 1, ok: true, replacedEarlier: true },
      { row: 2, ok: false, code: 'request.invalid', fields: [{ path: 'role', check: 'invalid_value', message: 'must be member or admin' }] },
    ]);
  });
});

describe('bulk invitation files as spreadsheets save them', () => {
  it('reads semicolons, numbers rows by their line past blank lines, and lets a corrected copy of a failed row through', async () => {
    const csv = 'email;firstName;lastName;role\n\nsemi1@acme.test;Anne;Dupont, fils;boss\n\nsemi1@acme.test;Anne;Dupont, fils;member\nsemi2@acme.test;Luc;Martin;member\n';
    const report = (await admin.post('/api/admin/invitations/bulk', { csv })).json();
    expect(report.rows.map((r: { row: number; ok: boolean; code?: string }) => [r.row, r.ok, r.code])).toEqual([
      [3, false, 'request.invalid'],
      [5, true, undefined],
      [6, true, undefined],
    ]);
    const invited = (await admin.get('/api/admin/users?status=invited&limit=100')).json().items.find((i: { email: string }) => i.email === 'semi1@acme.test');
    expect(invited).toMatchObject({ firstName: 'Anne', lastName: 'Dupont, fils' });
  });
});

describe('editing what members may not', () => {
  it('updates personal and employment fields even where self-editing is off, audited', async () => {
    await admin.post('/api/admin/policies', { profile: { details: false, personal: false, employment: false } });
    const res = await admin.post(`/api/admin/users/${adaId}`, { personal: { workPhone: '+44 20 7946 0000', city: 'London' }, employment: { jobTitle: 'Analyst', department: 'Engines' } });
    expect(res.statusCode).toBe(204);
    const page = (await admin.get(`/api/admin/users/${adaId}`)).json();
    expect(page.personal).toMatchObject({ workPhone: '+44 20 7946 0000', city: 'London' });
    expect(page.employment).toMatchObject({ jobTitle: 'Analyst', department: 'Engines' });
    expect((await admin.post(`/api/admin/users/${adaId}`, { personal: { workPhone: 'call me' } })).statusCode).toBe(400);
    await admin.post('/api/admin/policies', { profile: { details: true, personal: true, employment: true } });
  });

  it('leaves the name and personal details of a person another organization also has to that person', async () => {
    const shared = await seedUser(t, { email: 'shared@acme.test', orgs: [acme, other], firstName: 'Sam', lastName: 'Both' });
    const page = (await admin.get(`/api/admin/users/${shared.id}`)).json();
    expect(page.sharedAccount).toBe(true);
    expect((await admin.get(`/api/admin/users/${adaId}`)).json().sharedAccount).toBe(false);
    for (const change of [{ firstName: 'Renamed' }, { personal: { city: 'Elsewhere' } }, { lastName: 'X', username: 'sam' }]) {
      const refused = await admin.post(`/api/admin/users/${shared.id}`, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('user.shared_account');
    }
    const after = (await admin.get(`/api/admin/users/${shared.id}`)).json();
    expect(after).toMatchObject({ firstName: 'Sam', lastName: 'Both', username: page.username });
    expect(after.personal.city ?? '').toBe('');
    // What is this organization's own stays its to change.
    expect((await admin.post(`/api/admin/users/${shared.id}`, { username: 'sam-acme', employment: { jobTitle: 'Pilot' } })).statusCode).toBe(204);
    expect((await admin.get(`/api/admin/users/${shared.id}`)).json()).toMatchObject({ username: 'sam-acme', employment: { jobTitle: 'Pilot' } });
  });

  it('limits what members may set up to the allowed MFA methods', async () => {
    await admin.post('/api/admin/policies', { mfa: { mode: 'optional', graceSignIns: 0, passwordless: true, reverifyHours: 12, methods: ['webauthn'] } });
    const c = t.client();
    await c.signIn('user6@acme.test', STRONG_PASSWORD);
    const refused = await c.post('/api/me/mfa/totp', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('mfa.method_not_allowed');
    expect((await c.get('/api/me/mfa')).json().policy.methods).toEqual(['webauthn']);
    expect((await c.post('/api/me/mfa/webauthn/options', {})).statusCode).toBe(200);
    expect((await admin.post('/api/admin/policies', { mfa: { mode: 'optional', graceSignIns: 0, passwordless: true, reverifyHours: 12, methods: [] } })).statusCode).toBe(400);
  });
});

describe('creating members directly', () => {
  it('creates a member with a password that meets the policy, or refuses a weak one', async () => {
    const weak = await admin.post('/api/admin/users', { email: 'direct@acme.test', password: 'short' });
    expect(weak.statusCode).toBe(422);
    // Not one naming the account (NIST SP 800-63B context-specific words).
    const named = await admin.post('/api/admin/users', { email: 'direct@acme.test', password: 'a-Direct-password-2026-long' });
    expect(named.statusCode).toBe(422);
    expect(named.json().error.rules).toEqual(['identity']);
    const res = await admin.post('/api/admin/users', { email: 'direct@acme.test', firstName: 'Dee', password: 'a-Straight-password-2026-long' });
    expect(res.statusCode).toBe(201);
    expect((await t.client().signIn('direct@acme.test', 'a-Straight-password-2026-long')).statusCode).toBe(200);
    // Another organization's admin cannot pull an existing account in: the person is invited, nothing more.
    const other = await outsider.post('/api/admin/users', { email: 'direct@acme.test', password: 'an-Other-password-2026-long' });
    expect(other.statusCode).toBe(202);
    expect(other.json()).toHaveProperty('invitationId');
    const direct = await findUserByEmail(t.database.db, 'direct@acme.test');
    expect((await listMemberships(t.database.db, direct!.id)).map((m) => m.slug)).toEqual(['acme']);
    const [created] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.created'), eq(auditEvents.targetUserId, direct!.id)));
    expect(created.details).toMatchObject({ via: 'admin' });
    expect((await t.client().signIn('direct@acme.test', 'a-Straight-password-2026-long')).statusCode).toBe(200);
    expect((await member.post('/api/admin/users', { email: 'x@acme.test' })).statusCode).toBe(403);
  });
});

describe('removing a member', () => {
  it("takes away their groups and direct applications here, so coming back restores nothing; other organizations' stay", async () => {
    const person = await seedUser(t, { email: 'leaver@acme.test', orgs: [acme, other], firstName: 'Leo', lastName: 'Leaver' });
    const group = (await admin.post('/api/admin/groups', { name: 'Leavers' })).json();
    expect((await admin.post(`/api/admin/groups/${group.id}/members`, { userId: person.id })).statusCode).toBe(204);
    const app = (await admin.post('/api/admin/apps', { name: 'Leavers wiki', url: 'https://wiki.example/' })).json();
    expect((await admin.post(`/api/admin/apps/${app.id}/assignments`, { userId: person.id })).statusCode).toBe(204);
    const theirGroup = (await outsider.post('/api/admin/groups', { name: 'Stayers' })).json();
    await outsider.post(`/api/admin/groups/${theirGroup.id}/members`, { userId: person.id });
    const theirApp = (await outsider.post('/api/admin/apps', { name: 'Stayers wiki', url: 'https://wiki.example/' })).json();
    await outsider.post(`/api/admin/apps/${theirApp.id}/assignments`, { userId: person.id });

    expect((await admin.delete(`/api/admin/users/${person.id}`, {})).statusCode).toBe(204);
    const [removed] = (await admin.get(`/api/admin/audit?event=membership.removed`)).json().items;
    expect(removed).toMatchObject({ targetUserId: person.id, details: { groupIds: [group.id], appIds: [app.id] } });

    await addMembership(t.database.db, { orgId: acme.id, userId: person.id, role: 'member' });
    expect((await admin.get(`/api/admin/users/${person.id}`)).json()).toMatchObject({ groups: [], apps: [] });
    expect((await admin.get(`/api/admin/groups/${group.id}/members`)).json().items).toEqual([]);
    expect((await admin.get(`/api/admin/apps/${app.id}/assignments`)).json().items).toEqual([]);
    expect((await outsider.get(`/api/admin/users/${person.id}`)).json()).toMatchObject({ groups: [{ name: 'Stayers' }], apps: [{ name: 'Stayers wiki' }] });
  });
});

describe("acting on a person another organization also has", () => {
  it('logs a required password change and an unlock in each of their organizations, without naming who acted there', async () => {
    const person = await seedUser(t, { email: 'both@acme.test', orgs: [acme, other], firstName: 'Bo', lastName: 'Both' });
    const solo = await seedUser(t, { email: 'solo@acme.test', orgs: [acme], firstName: 'Sol', lastName: 'Solo' });
    for (let i = 0; i < 2; i++) await t.client().signIn('both@acme.test', 'a-wrong-password');
    expect((await admin.get(`/api/admin/users/${person.id}/lockout`)).json().locked).toBe(true);

    expect((await admin.post(`/api/admin/users/${person.id}/unlock`, {})).statusCode).toBe(204);
    expect((await admin.get(`/api/admin/users/${person.id}/lockout`)).json().locked).toBe(false);
    expect((await admin.post(`/api/admin/users/${person.id}/require-password-change`, {})).statusCode).toBe(204);
    expect((await admin.post(`/api/admin/users/${solo.id}/unlock`, {})).statusCode).toBe(204);

    for (const event of ['account.unlocked', 'user.password_change_required']) {
      const here = (await admin.get(`/api/admin/audit?event=${event}&target=${person.id}`)).json().items;
      expect(here).toHaveLength(1);
      expect(here[0]).toMatchObject({ actorEmail: 'boss@acme.test', targetUserId: person.id });
      const there = (await outsider.get(`/api/admin/audit?event=${event}`)).json().items;
      expect(there).toHaveLength(1);
      expect(there[0]).toMatchObject({ actorUserId: null, actorEmail: null, targetUserId: person.id, ip: '', details: { by: 'another_organization' } });
    }
    // One organization only: one row, and none without an organization.
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'account.unlocked'), eq(auditEvents.targetUserId, solo.id)));
    expect(rows.map((r) => r.orgId)).toEqual([acme.id]);
  });
});
