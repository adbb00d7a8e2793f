import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { seedOidcApp } from '../../../test/oidc-fixtures.ts';
import { apps, auditEvents } from '../../db/schema/index.ts';

let t: TestApp;
let admin: TestClient;
let member: TestClient;
let outsider: TestClient;
let acmeId: string;
let bossId: string;
let oidcAppId: string;

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const lastAudit = async (event: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, event), eq(auditEvents.orgId, acmeId))).orderBy(desc(auditEvents.at)).limit(1))[0];
const rowOf = async (id: string) => (await t.database.db.select().from(apps).where(eq(apps.id, id)))[0];

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  acmeId = acme.id;
  bossId = (await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin' })).id;
  await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  admin = t.client();
  await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  member = t.client();
  await member.signIn('ada@acme.test', STRONG_PASSWORD);
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
  oidcAppId = (await seedOidcApp(t, acme)).id;
});
afterAll(() => t.close());

const createBookmark = async (name = 'Handbook') =>
  (await admin.post('/api/admin/apps', { name, url: 'https://handbook.example/', description: 'The rules', details: 'Ask HR', icon: PNG })).json() as { id: string };

describe('creating a bookmark application', () => {
  it('takes an icon up to the schema’s cap, past the default body limit, and refuses a bigger one by the schema', async () => {
    const big = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(150_000)}`;
    const res = await admin.post('/api/admin/apps', { name: 'Big icon', url: 'https://big.example/', icon: big });
    expect(res.statusCode).toBe(201);
    expect((await rowOf(res.json().id)).icon).toBe(big);
    const tooBig = await admin.post('/api/admin/apps', { name: 'Too big', url: 'https://big.example/', icon: `data:image/png;base64,${'A'.repeat(200_001)}` });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.code).toBe('request.invalid');
  });

  it('answers with the application as the list shows it (the schema is the allow-list: no protocol settings)', async () => {
    const res = await admin.post('/api/admin/apps', { name: 'Canteen', url: 'https://canteen.example/' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'bookmark', name: 'Canteen', url: 'https://canteen.example/', mfaPolicy: { mode: 'none' } });
    expect(res.json()).not.toHaveProperty('protocol');
    expect(res.json().createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('application names', () => {
  it('are unique in the organization whatever the case, on creation and on renaming, and the refusal changes nothing', async () => {
    const first = await admin.post('/api/admin/apps', { name: 'Notebook', url: 'https://notebook.example/' });
    expect(first.statusCode).toBe(201);
    const twin = await admin.post('/api/admin/apps', { name: 'notebook', url: 'https://other-notebook.example/' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.code).toBe('app.name_taken');
    expect((await t.database.db.select().from(apps).where(eq(apps.url, 'https://other-notebook.example/'))).length).toBe(0);

    const second = (await admin.post('/api/admin/apps', { name: 'Intranet', url: 'https://intranet.example/' })).json() as { id: string };
    const rename = await admin.post(`/api/admin/apps/bookmark/${second.id}`, { name: 'NOTEBOOK', url: 'https://moved.example/' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('app.name_taken');
    expect(await rowOf(second.id)).toMatchObject({ name: 'Intranet', url: 'https://intranet.example/' });
    // Keeping its own name (another field changed) is not a clash.
    expect((await admin.post(`/api/admin/apps/bookmark/${first.json().id}`, { name: 'Notebook', description: 'Notes' })).statusCode).toBe(200);
  });

  it('may repeat in another organization', async () => {
    await admin.post('/api/admin/apps', { name: 'Shared name', url: 'https://a.example/' });
    expect((await outsider.post('/api/admin/apps', { name: 'Shared name', url: 'https://b.example/' })).statusCode).toBe(201);
  });
});

describe('editing a bookmark application', () => {
  it('reads it back and changes its name, URL and texts, audited with old and new values', async () => {
    const { id } = await createBookmark();
    expect((await admin.get(`/api/admin/apps/bookmark/${id}`)).json()).toMatchObject({ id, type: 'bookmark', name: 'Handbook', url: 'https://handbook.example/', icon: PNG });

    const res = await admin.post(`/api/admin/apps/bookmark/${id}`, { name: 'Staff handbook', url: 'https://hr.example/handbook', description: 'Rules', details: 'Ask Lee' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Staff handbook', url: 'https://hr.example/handbook', description: 'Rules', details: 'Ask Lee', icon: PNG });
    expect(await rowOf(id)).toMatchObject({ name: 'Staff handbook', url: 'https://hr.example/handbook', icon: PNG });

    const audit = await lastAudit('app.updated');
    expect(audit.actorUserId).toBe(bossId);
    expect(audit.details).toMatchObject({ appId: id, old: { name: 'Handbook', url: 'https://handbook.example/' }, new: { name: 'Staff handbook' } });
  });

  it('changes only the fields it names', async () => {
    const { id } = await createBookmark('Knowledge base');
    expect((await admin.post(`/api/admin/apps/bookmark/${id}`, { description: 'Everything we know' })).statusCode).toBe(200);
    expect(await rowOf(id)).toMatchObject({ name: 'Knowledge base', url: 'https://handbook.example/', description: 'Everything we know', details: 'Ask HR', icon: PNG });
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { id } = await createBookmark('Intranet');
    const before = await rowOf(id);
    for (const body of [{ url: 'javascript:alert(1)' }, { name: '' }, { icon: null }, { description: 'Ok', icon: PNG }, { description: 'a\u0000b' }, {}, { name: 'x', type: 'oidc' }]) {
      const res = await admin.post(`/api/admin/apps/bookmark/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await rowOf(id)).toEqual(before);
    expect((await admin.get('/api/admin/apps/bookmark/not-a-uuid')).statusCode).toBe(400);
  });

  it('answers 404 for another organization, for an OIDC application, and members 403', async () => {
    const { id } = await createBookmark('Payroll');
    const before = await rowOf(id);
    expect((await outsider.get(`/api/admin/apps/bookmark/${id}`)).statusCode).toBe(404);
    const foreign = await outsider.post(`/api/admin/apps/bookmark/${id}`, { name: 'Mine now' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('app.not_found');
    expect((await admin.post(`/api/admin/apps/bookmark/${oidcAppId}`, { url: 'https://evil.example/' })).statusCode).toBe(404);
    expect((await member.get(`/api/admin/apps/bookmark/${id}`)).statusCode).toBe(403);
    expect((await member.post(`/api/admin/apps/bookmark/${id}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await t.client().post(`/api/admin/apps/bookmark/${id}`, { name: 'Mine now' })).statusCode).toBe(401);
    expect(await rowOf(id)).toEqual(before);
  });
});

describe('the icon of any application', () => {
  it('sets and removes the icon of a bookmark and of an OIDC application alike; the audit row never copies the image', async () => {
    const { id: bookmarkId } = await createBookmark('Icons');
    for (const id of [bookmarkId, oidcAppId]) {
      const set = await admin.post(`/api/admin/apps/${id}/icon`, { icon: PNG });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toEqual({ icon: PNG });
      expect((await rowOf(id)).icon).toBe(PNG);
      expect((await lastAudit('app.updated')).details).toMatchObject({ appId: id, new: { icon: 'image' } });
      expect((await admin.post(`/api/admin/apps/${id}/icon`, { icon: null })).json()).toEqual({ icon: null });
      expect((await rowOf(id)).icon).toBeNull();
      const audit = await lastAudit('app.updated');
      expect(audit.details).toMatchObject({ appId: id, old: { icon: 'image' }, new: { icon: null } });
      expect(JSON.stringify(audit.details)).not.toContain('base64');
    }
    expect((await admin.get(`/api/admin/apps/oidc/${oidcAppId}`)).json().icon).toBeNull();
  });

  it('takes an icon past the default body limit up to the cap, and refuses SVG, a file that is not the image it claims to be, other data or a missing icon, changing nothing', async () => {
    const { id } = await createBookmark('Big icons');
    const big = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(150_000)}`;
    expect((await admin.post(`/api/admin/apps/${id}/icon`, { icon: big })).statusCode).toBe(200);
    for (const body of [{ icon: 'data:image/svg+xml;base64,PHN2Zz4=' }, { icon: 'https://evil.example/x.png' }, { icon: `data:image/png;base64,${btoa('hello world, not an image')}` }, { icon: PNG.replace('image/png', 'image/gif') }, { icon: `data:image/png;base64,${'A'.repeat(200_001)}` }, {}, { icon: PNG, name: 'x' }]) {
      const res = await admin.post(`/api/admin/apps/${id}/icon`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await rowOf(id)).icon).toBe(big);
  });

  it('answers 404 for another organization’s application and 403 to members, changing nothing', async () => {
    const { id } = await createBookmark('Guarded');
    const foreign = await outsider.post(`/api/admin/apps/${id}/icon`, { icon: null });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('app.not_found');
    expect((await member.post(`/api/admin/apps/${id}/icon`, { icon: null })).statusCode).toBe(403);
    expect((await rowOf(id)).icon).toBe(PNG);
  });
});
