import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as client from 'openid-client';
import { and, desc, eq, sql } from 'drizzle-orm';
import { seedOrg, seedUser, STRONG_PASSWORD, TestClient } from '../../../test/harness.ts';
import { createListeningTestApp } from '../../../test/http-browser.ts';
import { authorize, discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import { appAssignments, apps, auditEvents, oidcPayloads } from '../../db/schema/index.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let admin: TestClient;
let member: TestClient;
let outsider: TestClient;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let adaId: string;
let groupId: string;

const lastAudit = async (event: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, event), eq(auditEvents.orgId, acme.id))).orderBy(desc(auditEvents.at)).limit(1))[0];
const assignmentsOf = (appId: string) => t.database.db.select().from(appAssignments).where(eq(appAssignments.appId, appId));

/** The listening app's origin is its loopback URL, not the harness's default. */
class SameOriginClient extends TestClient {
  override request(...[method, url, body, opts = {}]: Parameters<TestClient['request']>) {
    return super.request(method, url, body, { ...opts, headers: { origin: t.url, ...opts.headers } });
  }
}

beforeAll(async () => {
  t = await createListeningTestApp();
  t.client = () => new SameOriginClient(t.app, t.afterReply);
  acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin' });
  adaId = (await seedUser(t, { email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' })).id;
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  admin = t.client();
  await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
  member = t.client();
  await member.signIn('ada@acme.test', STRONG_PASSWORD);
  outsider = t.client();
  await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
  groupId = (await admin.post('/api/admin/groups', { name: 'Engineering' })).json().id;
});
afterAll(() => t.close());

async function assignedBookmark(name: string) {
  const { id } = (await admin.post('/api/admin/apps', { name, url: 'https://app.example/' })).json();
  expect((await admin.post(`/api/admin/apps/${id}/assignments`, { userId: adaId })).statusCode).toBe(204);
  expect((await admin.post(`/api/admin/apps/${id}/assignments`, { groupId })).statusCode).toBe(204);
  return id as string;
}

describe('application assignments', () => {
  it('lists who an application is assigned to, and removes a person, then a group, audited', async () => {
    const id = await assignedBookmark('Handbook');
    expect((await admin.get(`/api/admin/apps/${id}/assignments`)).json().items).toEqual([
      { kind: 'user', id: adaId, email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace' },
      { kind: 'group', id: groupId, name: 'Engineering' },
    ]);

    expect((await admin.delete(`/api/admin/apps/${id}/assignments/users/${adaId}`)).statusCode).toBe(204);
    expect(await lastAudit('app.unassigned')).toMatchObject({ targetUserId: adaId, details: { appId: id, userId: adaId } });
    expect((await admin.get(`/api/admin/apps/${id}/assignments`)).json().items).toEqual([{ kind: 'group', id: groupId, name: 'Engineering' }]);
    // Ada is not in the group: the tile is gone from her portal.
    expect((await member.get('/api/me/apps')).json().items.map((a: { id: string }) => a.id)).not.toContain(id);

    expect((await admin.delete(`/api/admin/apps/${id}/assignments/groups/${groupId}`)).statusCode).toBe(204);
    expect(await lastAudit('app.unassigned')).toMatchObject({ targetUserId: null, details: { appId: id, groupId } });
    expect(await assignmentsOf(id)).toEqual([]);
    // Removing what is not there is a 404, not a silent success.
    expect((await admin.delete(`/api/admin/apps/${id}/assignments/groups/${groupId}`)).statusCode).toBe(404);
  });

  it('audits an assignment to a person with whom it concerns, and a group created or deleted by its name', async () => {
    const { id } = (await admin.post('/api/admin/apps', { name: 'Audited wiki', url: 'https://app.example/' })).json();
    expect((await admin.post(`/api/admin/apps/${id}/assignments`, { userId: adaId })).statusCode).toBe(204);
    expect(await lastAudit('app.assigned')).toMatchObject({ targetUserId: adaId, details: { appId: id, userId: adaId } });
    expect((await admin.post(`/api/admin/apps/${id}/assignments`, { groupId })).statusCode).toBe(204);
    expect(await lastAudit('app.assigned')).toMatchObject({ targetUserId: null, details: { appId: id, groupId } });

    const group = (await admin.post('/api/admin/groups', { name: 'Short-lived' })).json();
    expect(await lastAudit('group.created')).toMatchObject({ details: { groupId: group.id, name: 'Short-lived' } });
    expect((await admin.delete(`/api/admin/groups/${group.id}`)).statusCode).toBe(204);
    expect(await lastAudit('group.deleted')).toMatchObject({ details: { groupId: group.id, name: 'Short-lived' } });
    expect((await admin.delete(`/api/admin/groups/${group.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with 400, answers another organization 404 and members 403, changing nothing', async () => {
    const id = await assignedBookmark('Payroll');
    expect((await admin.delete(`/api/admin/apps/${id}/assignments/teams/${groupId}`)).statusCode).toBe(400);
    expect((await admin.delete(`/api/admin/apps/${id}/assignments/users/not-a-uuid`)).statusCode).toBe(400);
    expect((await admin.get('/api/admin/apps/not-a-uuid/assignments')).statusCode).toBe(400);
    expect((await outsider.get(`/api/admin/apps/${id}/assignments`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/admin/apps/${id}/assignments/users/${adaId}`)).statusCode).toBe(404);
    expect((await member.get(`/api/admin/apps/${id}/assignments`)).statusCode).toBe(403);
    expect((await member.delete(`/api/admin/apps/${id}/assignments/users/${adaId}`)).statusCode).toBe(403);
    expect(await assignmentsOf(id)).toHaveLength(2);
  });
});

describe('deleting an application', () => {
  it('deletes a bookmark with its assignments in one go, audited', async () => {
    const id = await assignedBookmark('Old wiki');
    expect((await admin.delete(`/api/admin/apps/${id}`)).statusCode).toBe(204);
    expect(await t.database.db.select().from(apps).where(eq(apps.id, id))).toEqual([]);
    expect(await assignmentsOf(id)).toEqual([]);
    expect(await lastAudit('app.deleted')).toMatchObject({ details: { appId: id, name: 'Old wiki', type: 'bookmark', assignments: 2 } });
    expect((await admin.get(`/api/admin/apps/${id}/assignments`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/apps/${id}`)).statusCode).toBe(404);
  });

  it('answers another organization 404, members 403 and a malformed id 400, deleting nothing', async () => {
    const id = await assignedBookmark('Keep me');
    expect((await outsider.delete(`/api/admin/apps/${id}`)).statusCode).toBe(404);
    expect((await member.delete(`/api/admin/apps/${id}`)).statusCode).toBe(403);
    expect((await admin.delete('/api/admin/apps/not-a-uuid')).statusCode).toBe(400);
    expect(await t.database.db.select().from(apps).where(eq(apps.id, id))).toHaveLength(1);
    expect(await assignmentsOf(id)).toHaveLength(2);
  });

  it('deletes an OpenID Connect client and ends every grant and token it was issued', async () => {
    const app = await seedOidcApp(t, acme, {}, adaId);
    const keep = await seedOidcApp(t, acme, { name: 'Kept' }, adaId);
    const signIn = async (clientId: string, secret: string | null) => {
      const config = await discover(t.url, clientId, secret);
      const a = await authorize(config, t.url, { email: 'ada@acme.test', password: STRONG_PASSWORD });
      return { config, tokens: await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state }) };
    };
    const doomed = await signIn(app.clientId, app.clientSecret);
    const kept = await signIn(keep.clientId, keep.clientSecret);
    const heldBy = async (clientId: string) =>
      (await t.database.db.select({ model: oidcPayloads.model }).from(oidcPayloads).where(sql`${oidcPayloads.payload}->>'clientId' = ${clientId}`)).map((r) => r.model);
    expect(await heldBy(app.clientId)).toEqual(expect.arrayContaining(['Grant', 'AccessToken', 'RefreshToken']));

    expect((await admin.delete(`/api/admin/apps/${app.id}`)).statusCode).toBe(204);
    expect(await heldBy(app.clientId)).toEqual([]);
    expect(await lastAudit('app.deleted')).toMatchObject({ details: { appId: app.id, type: 'oidc', assignments: 1 } });
    await expect(client.refreshTokenGrant(doomed.config, doomed.tokens.refresh_token!)).rejects.toBeTruthy();
    // The other client's tokens are untouched.
    expect((await client.tokenIntrospection(kept.config, kept.tokens.access_token)).active).toBe(true);
  });
});
