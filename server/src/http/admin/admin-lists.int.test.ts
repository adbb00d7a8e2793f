import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { createApp } from '../../domain/apps/app-store.ts';
import { addGroupMember, createGroup } from '../../domain/groups/group-store.ts';
import { createApiKey } from '../../domain/api-keys/api-key-store.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { encodeListCursor } from '../../../../contract/list-query.ts';

let t: TestApp;
let admin: TestClient;
let outsider: TestClient;
let groupId: string;
let otherGroupId: string;
const SEVEN = ['g3', 'g1', 'g6', 'g2', 'g7', 'g5', 'g4'];

type Item = { id: string; [k: string]: unknown };

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  const db = t.database.db;
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  const group = await createGroup(db, acme.id, 'engineering');
  groupId = group.id;
  for (const name of SEVEN) {
    await createGroup(db, acme.id, name);
    await createApp(db, acme.id, { type: 'bookmark', name: `app-${name}`, url: 'https://example.test/' });
    await createApiKey(db, acme.id, `key-${name}`, null);
    await enqueueMail(db, { to: `${name}@acme.test`, template: 'test', lang: 'en', vars: { transport: 'log' }, orgId: acme.id });
    const u = await seedUser(t, { email: `${name}@acme.test`, orgs: [acme], firstName: name, lastName: 'Member' });
    await addGroupMember(db, group.id, u.id);
  }
  await createApp(db, acme.id, { type: 'oidc', name: 'app-sso', url: 'https://sso.example.test/' });
  otherGroupId = (await createGroup(db, other.id, 'g0-other')).id;
  await createApp(db, other.id, { type: 'bookmark', name: 'app-other', url: 'https://example.test/' });
  await enqueueMail(db, { to: 'x@other.test', template: 'test', lang: 'en', vars: { transport: 'log' }, orgId: other.id });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  for (const name of SEVEN) expect((await admin.post('/api/admin/invitations', { email: `new-${name}@acme.test` })).statusCode).toBe(201);
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

/** Follows nextCursor from the first page to the last; returns the items and the number of pages. */
async function pageThrough(c: TestClient, url: string, limit: number): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, `${url} page ${pages + 1}: ${res.body}`).toBe(200);
    const body = res.json() as { items: Item[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
}

const lists = () => [
  '/api/admin/users',
  '/api/admin/users?sort=-email',
  '/api/admin/users?sort=-created',
  '/api/admin/groups',
  '/api/admin/groups?sort=-name',
  '/api/admin/groups?sort=created',
  `/api/admin/groups/${groupId}/members`,
  `/api/admin/groups/${groupId}/members?sort=-name`,
  '/api/admin/apps',
  '/api/admin/apps?sort=name',
  '/api/admin/api-keys',
  '/api/admin/api-keys?sort=name',
  '/api/admin/mail/outbox',
  '/api/admin/invitations',
  '/api/admin/invitations?sort=email',
  '/api/admin/audit',
  '/api/admin/audit?sort=at',
];

describe('admin lists: keyset pagination', () => {
  it('pages through every list returning each item exactly once, in the order of one big page', async () => {
    for (const url of lists()) {
      const whole = (await admin.get(`${url}${url.includes('?') ? '&' : '?'}limit=200`)).json();
      expect(whole.nextCursor, url).toBeNull();
      expect(whole.items.length, url).toBeGreaterThanOrEqual(7);
      const { items, pages } = await pageThrough(admin, url, 3);
      expect(pages, url).toBeGreaterThan(2);
      expect(items.map((i) => i.id), url).toEqual(whole.items.map((i: Item) => i.id));
      expect(new Set(items.map((i) => i.id)).size, url).toBe(items.length);
    }
  });

  it('sorts as asked: names ascending or descending, newest first by default', async () => {
    const names = (url: string) => pageThrough(admin, url, 2).then((p) => p.items.map((i) => i.name));
    expect(await names('/api/admin/groups')).toEqual(['engineering', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    expect(await names('/api/admin/groups?sort=-name')).toEqual(['g7', 'g6', 'g5', 'g4', 'g3', 'g2', 'g1', 'engineering']);
    expect(await names('/api/admin/apps?sort=name')).toEqual(['app-g1', 'app-g2', 'app-g3', 'app-g4', 'app-g5', 'app-g6', 'app-g7', 'app-sso']);
    const created = (await pageThrough(admin, '/api/admin/apps', 2)).items.map((i) => String(i.createdAt));
    expect(created).toEqual([...created].sort().reverse());
    expect((await pageThrough(admin, `/api/admin/groups/${groupId}/members`, 2)).items.map((i) => i.email)).toEqual(SEVEN.map((n) => `${n}@acme.test`).sort());
    const mails = (await pageThrough(admin, '/api/admin/mail/outbox', 2)).items.map((i) => String(i.createdAt));
    expect(mails).toEqual([...mails].sort().reverse());
  });

  it('filters: group and member search, application type, mail and invitation status', async () => {
    expect((await admin.get('/api/admin/groups?q=G6')).json().items.map((g: Item) => g.name)).toEqual(['g6']);
    expect((await admin.get('/api/admin/groups?q=%25')).json().items).toEqual([]);
    expect((await admin.get(`/api/admin/groups/${groupId}/members?q=g2@`)).json().items.map((m: Item) => m.email)).toEqual(['g2@acme.test']);
    expect((await admin.get('/api/admin/apps?type=oidc')).json().items.map((a: Item) => a.name)).toEqual(['app-sso']);
    expect((await admin.get('/api/admin/apps?q=app-g')).json().items).toHaveLength(7);
    expect((await admin.get('/api/admin/mail/outbox?status=failed')).json().items).toEqual([]);
    expect((await admin.get('/api/admin/invitations?status=pending&limit=200')).json().items).toHaveLength(7);
    expect((await admin.get('/api/admin/invitations?status=accepted')).json().items).toEqual([]);
  });

  it("never shows another organization's rows, whatever cursor is sent", async () => {
    const first = (await admin.get('/api/admin/groups?limit=2')).json();
    const carried = await outsider.get(`/api/admin/groups?limit=2&cursor=${first.nextCursor}`);
    expect(carried.statusCode).toBe(200);
    expect(carried.json().items.map((g: Item) => g.id)).toEqual(expect.not.arrayContaining(first.items.map((g: Item) => g.id)));
    expect(carried.json().items.every((g: Item) => g.id === otherGroupId)).toBe(true);
    // A cursor naming another organization's row positions nothing outside the caller's own rows.
    const forged = encodeListCursor({ sort: 'name', key: 'g0-other', id: otherGroupId });
    expect((await admin.get(`/api/admin/groups?cursor=${forged}`)).json().items.map((g: Item) => g.name)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    const apps = (await admin.get('/api/admin/apps?limit=2')).json();
    expect((await outsider.get(`/api/admin/apps?cursor=${apps.nextCursor}`)).json().items.map((a: Item) => a.name)).toEqual(expect.not.arrayContaining(['app-g1', 'app-sso']));
    expect((await outsider.get(`/api/admin/groups/${groupId}/members`)).statusCode).toBe(404);
  });

  it('refuses a search or filter holding a NUL byte with 400 on that field, not a database error', async () => {
    for (const [url, field] of [
      ['/api/admin/users?q=%00', 'q'],
      ['/api/admin/groups?q=a%00b', 'q'],
      [`/api/admin/groups/${groupId}/members?q=%00`, 'q'],
      ['/api/admin/apps?q=%00', 'q'],
      ['/api/admin/audit?event=%00', 'event'],
      ['/api/admin/audit.csv?event=%00', 'event'],
      ['/api/me/apps?q=%00', 'q'],
    ]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it('refuses a garbage cursor, or one made for another sort, with 400 on `cursor`', async () => {
    const byName = (await admin.get('/api/admin/groups?limit=2')).json().nextCursor;
    const bad = [
      'garbage!!',
      'bm90LWpzb24',
      encodeListCursor({ sort: 'name', key: 'x', id: 'not-a-uuid' }).replace(/.$/, ''),
      encodeListCursor({ sort: '-created', key: 'yesterday', id: otherGroupId }),
      // Shaped like a time key but no real instant: PostgreSQL would fail the query itself.
      encodeListCursor({ sort: '-created', key: '2030-13-01T00:00:00.000000Z', id: otherGroupId }),
      encodeListCursor({ sort: '-created', key: '2031-02-29T00:00:00.000000Z', id: otherGroupId }),
      encodeListCursor({ sort: '-created', key: '0000-01-01T00:00:00.000000Z', id: otherGroupId }),
      'x'.repeat(2000),
    ];
    for (const url of [...bad.map((c) => `/api/admin/groups?sort=-created&cursor=${c}`), `/api/admin/groups?sort=created&cursor=${byName}`, `/api/admin/audit?cursor=${byName}`]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('cursor');
    }
    expect((await admin.get('/api/admin/apps?sort=url')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/groups?limit=0')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/groups?limit=201')).statusCode).toBe(400);
  });
});

describe('names sort as people read them, accents included', () => {
  it('puts Éluard between Eco and Zola in members, groups and applications, page by page both ways', async () => {
    const db = t.database.db;
    const lettres = await seedOrg(t, 'Lettres');
    await seedUser(t, { email: 'boss@lettres.test', orgs: [lettres], role: 'admin', firstName: 'Anne', lastName: 'Aubert' });
    for (const last of ['Zola', 'Éluard', 'eco', 'Dumas', 'Ørsted']) {
      await seedUser(t, { email: `${last.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@lettres.test`, orgs: [lettres], firstName: 'X', lastName: last });
      await createGroup(db, lettres.id, `Équipe ${last}`);
    }
    for (const name of ['Ventes', 'Équipe', 'achats', 'Zèbre', 'état']) await createApp(db, lettres.id, { type: 'bookmark', name, url: 'https://example.test/' });
    const boss = t.client();
    await boss.signIn('boss@lettres.test', STRONG_PASSWORD, { portal: 'admin' });

    const lastNames = ['Aubert', 'Dumas', 'eco', 'Éluard', 'Ørsted', 'Zola'];
    const byName = await pageThrough(boss, '/api/admin/users?sort=name', 2);
    expect(byName.items.map((i) => i.lastName)).toEqual(lastNames);
    expect((await pageThrough(boss, '/api/admin/users?sort=-name', 2)).items.map((i) => i.lastName)).toEqual([...lastNames].reverse());
    expect((await pageThrough(boss, '/api/admin/apps?sort=name', 2)).items.map((i) => i.name)).toEqual(['achats', 'Équipe', 'état', 'Ventes', 'Zèbre']);
    expect((await pageThrough(boss, '/api/admin/groups', 2)).items.map((i) => i.name)).toEqual(['Équipe Dumas', 'Équipe eco', 'Équipe Éluard', 'Équipe Ørsted', 'Équipe Zola']);
  });
});
