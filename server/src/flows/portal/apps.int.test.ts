import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { users } from '../../db/schema/index.ts';
import { createApp as createOrgApp } from '../../domain/apps/app-store.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let admin: TestClient;
let ada: Awaited<ReturnType<typeof seedUser>>;
let bob: Awaited<ReturnType<typeof seedUser>>;

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme', { password: { maxAgeDays: 30 }, mfa: { mode: 'required', graceSignIns: 3 } });
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  ada = await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
  bob = await seedUser(t, { email: 'bob@acme.test', orgs: [acme] });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

async function createApp(name: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/admin/apps', { name, url: `https://${name.toLowerCase()}.example/`, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('Applications', () => {
  it('shows apps assigned directly and through a group, searchable, and launches bookmarks', async () => {
    const wiki = await createApp('Wiki', { details: 'Use your company e-mail.', icon: PNG });
    const payroll = await createApp('Payroll', { description: 'Salaries' });
    await createApp('Secret');
    expect((await admin.post(`/api/admin/apps/${wiki}/assignments`, { userId: ada.id })).statusCode).toBe(204);
    const group = (await admin.post('/api/admin/groups', { name: 'Finance' })).json();
    await admin.post(`/api/admin/groups/${group.id}/members`, { userId: ada.id });
    await admin.post(`/api/admin/apps/${payroll}/assignments`, { groupId: group.id });

    const c = t.client();
    await c.signIn('ada@acme.test', STRONG_PASSWORD);
    const list = (await c.get('/api/me/apps')).json().items;
    expect(list.map((a: { name: string }) => a.name)).toEqual(['Payroll', 'Wiki']);
    expect(list[1]).toMatchObject({ details: 'Use your company e-mail.', icon: PNG });
    expect((await c.get('/api/me/apps?q=sal')).json().items.map((a: { name: string }) => a.name)).toEqual(['Payroll']);

    expect((await c.post(`/api/me/apps/${wiki}/launch`, {})).json()).toEqual({ url: 'https://wiki.example/' });
    await c.post(`/api/me/apps/${wiki}/launch`, {});
    await c.post(`/api/me/apps/${payroll}/launch`, {});
    const dashboard = (await c.get('/api/me/dashboard')).json();
    expect(dashboard.apps.count).toBe(2);
    expect(dashboard.apps.mostUsed.map((a: { name: string; launches: number }) => [a.name, a.launches])).toEqual([['Wiki', 2], ['Payroll', 1]]);
  });

  it('searches my applications whatever the case and accents, as the page does', async () => {
    const carl = await seedUser(t, { email: 'carl@acme.test', orgs: [acme] });
    for (const [name, description] of [['Calendrier équipe', ''], ['Paie', 'Bulletins de salaire'], ['Équipement', 'Prêt de matériel']]) {
      const id = await createApp(name, { description, url: 'https://apps.example/' });
      expect((await admin.post(`/api/admin/apps/${id}/assignments`, { userId: carl.id })).statusCode).toBe(204);
    }
    const c = t.client();
    await c.signIn('carl@acme.test', STRONG_PASSWORD);
    const found = async (q: string) => (await c.get(`/api/me/apps?q=${encodeURIComponent(q)}`)).json().items.map((a: { name: string }) => a.name);
    expect(await found('equipe')).toEqual(['Calendrier équipe', 'Équipement']);
    expect(await found('CALENDRIER ÉQUIPE')).toEqual(['Calendrier équipe']);
    // A decomposed accent (e + U+0301) is the same letter as the composed one.
    expect(await found('e\u0301quipement')).toEqual(['Équipement']);
    expect(await found('pret')).toEqual(['Équipement']);
    expect(await found('SALAIRE')).toEqual(['Paie']);
    expect(await found('  ')).toEqual(['Calendrier équipe', 'Équipement', 'Paie']);
    expect(await found('nothing like it')).toEqual([]);
  });

  it("refuses launching an app that is not assigned to me, and hides it", async () => {
    const secret = (await admin.get('/api/admin/apps')).json().items.find((a: { name: string }) => a.name === 'Secret').id;
    const c = t.client();
    await c.signIn('bob@acme.test', STRONG_PASSWORD);
    expect((await c.get('/api/me/apps')).json().items).toEqual([]);
    const refused = await c.post(`/api/me/apps/${secret}/launch`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('app.not_assigned');
    // Another organization's application, or none at all, is not found: nothing is said of it.
    const other = await seedOrg(t, 'Elsewhere');
    const theirs = await createOrgApp(t.database.db, other.id, { type: 'bookmark', name: 'Theirs', url: 'https://theirs.example/' });
    expect((await c.post(`/api/me/apps/${theirs.id}/launch`, {})).json().error.code).toBe('app.not_found');
    expect((await c.post('/api/me/apps/00000000-0000-4000-8000-000000000000/launch', {})).json().error.code).toBe('app.not_found');
  });

  it('refuses bad application input and assignments across organizations', async () => {
    expect((await admin.post('/api/admin/apps', { name: 'X', url: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await admin.post('/api/admin/apps', { name: 'X', url: 'https://x.example', icon: 'data:image/svg+xml;base64,PHN2Zz4=' })).statusCode).toBe(400);
    const other = await seedOrg(t, 'Other');
    const stranger = await seedUser(t, { email: 'stranger@other.test', orgs: [other], role: 'admin' });
    const app = await createApp('Shared');
    expect((await admin.post(`/api/admin/apps/${app}/assignments`, { userId: stranger.id })).statusCode).toBe(404);
    const outsider = t.client();
    await outsider.signIn('stranger@other.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await outsider.post(`/api/admin/apps/${app}/assignments`, { userId: stranger.id })).statusCode).toBe(404);
    expect((await outsider.get('/api/admin/apps')).json().items).toEqual([]);
  });
});

describe('Dashboard', () => {
  it('summarizes security and lists what needs action', async () => {
    await t.database.db.update(users).set({ passwordChangedAt: new Date(Date.now() - 25 * 86_400_000), mfaGraceUsed: 1 }).where(eq(users.id, bob.id));
    const c = t.client();
    await c.signIn('bob@acme.test', STRONG_PASSWORD);
    const d = (await c.get('/api/me/dashboard')).json();
    expect(d.security).toMatchObject({ mfa: { enabled: false, methods: [], mode: 'required' }, sshKeys: 0, password: { daysLeft: 5 } });
    expect(d.actions).toEqual(expect.arrayContaining([{ kind: 'password_expiring', days: 5 }, { kind: 'mfa_required_soon', signInsLeft: 1 }]));
  });
});
