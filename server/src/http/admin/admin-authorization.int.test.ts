import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { listRoutes, type RegisteredRoute } from '../../../test/list-routes.ts';
import { apiKeys, appAssignments, apps, auditEvents, groupMembers, groups, invitations, mailOutbox, memberships, mfaFactors, orgs, sessions, signInFailures, users } from '../../db/schema/index.ts';
import { lockoutKey } from '../../domain/lockout/lockout-store.ts';
import type { Org } from '../../domain/orgs/org-store.ts';

/**
 * Every Admin API route, whoever asks: nobody signed in → 401; a cross-site request riding the
 * administrator's cookie → 403; a member → 403; an administrator or an API key of another
 * organization, aimed at this organization's objects → 404 with nothing changed; this
 * organization's own administrator and key → 200 on reads. Every request carrying a key is audited.
 */

const resources = ['user', 'group', 'app', 'oidcApp', 'samlApp', 'invitation', 'apiKey', 'mail'] as const;
type Resource = (typeof resources)[number];
type Ids = Record<Resource, string>;

type Row = {
  /** A valid body, so the check under test is reached rather than a 400; `n` is unique per request. */
  body?: (ids: Ids, n: number) => unknown;
  /** Path parameters the generic substitution below cannot guess. */
  params?: Record<string, (ids: Ids) => string>;
  /** Refused to every API key, whatever its organization: keys never manage keys, a test mail goes to a person. */
  keys?: 'refused';
};

const spMetadata = (entityId: string) =>
  `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entityId}/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`;

/** One row per route. A route the server registers and this table lacks fails the first test. */
const table: Record<string, Row> = {
  'GET /api/admin/users': {},
  'POST /api/admin/users': { body: (_, n) => ({ email: `created-${n}@example.test`, firstName: 'New' }) },
  'GET /api/admin/users/:id': {},
  'POST /api/admin/users/:id': { body: () => ({ firstName: 'Mallory', role: 'admin' }) },
  'DELETE /api/admin/users/:id': {},
  'POST /api/admin/users/:id/suspend': {},
  'POST /api/admin/users/:id/reactivate': {},
  'POST /api/admin/users/:id/require-password-change': {},
  'POST /api/admin/users/:id/sign-out': {},
  'GET /api/admin/users/:id/sessions': {},
  'GET /api/admin/users/:id/lockout': {},
  'POST /api/admin/users/:id/unlock': {},
  'GET /api/admin/users/:id/factors': {},
  'POST /api/admin/users/:id/mfa/reset': {},
  'GET /api/admin/invitations': {},
  'POST /api/admin/invitations': { body: (_, n) => ({ email: `invited-${n}@example.test` }) },
  'POST /api/admin/invitations/bulk': { body: (_, n) => ({ csv: `bulk-${n}@example.test\n` }) },
  'POST /api/admin/invitations/:id/resend': {},
  'DELETE /api/admin/invitations/:id': {},
  'GET /api/admin/apps': {},
  'POST /api/admin/apps': { body: (_, n) => ({ name: `Bookmark ${n}`, url: 'https://bookmark.example.test' }) },
  'DELETE /api/admin/apps/:id': {},
  'GET /api/admin/apps/:id/assignments': {},
  'POST /api/admin/apps/:id/assignments': { body: (ids) => ({ userId: ids.user }) },
  'POST /api/admin/apps/:id/icon': { body: () => ({ icon: null }) },
  'DELETE /api/admin/apps/:id/assignments/:kind/:targetId': { params: { kind: () => 'users', targetId: (ids) => ids.user } },
  'GET /api/admin/apps/bookmark/:id': {},
  'POST /api/admin/apps/bookmark/:id': { body: () => ({ name: 'Hijacked' }) },
  'POST /api/admin/apps/oidc': { body: (_, n) => ({ name: `OIDC ${n}`, kind: 'web', redirectUris: ['https://rp.example.test/cb'] }) },
  'GET /api/admin/apps/oidc/:id': {},
  'POST /api/admin/apps/oidc/:id': { body: () => ({ name: 'Hijacked' }) },
  'POST /api/admin/apps/oidc/:id/secret': {},
  'GET /api/admin/apps/saml/idp': {},
  'POST /api/admin/apps/saml': { body: (_, n) => ({ name: `SAML ${n}`, entityId: `https://sp-${n}.example.test`, acsUrls: [`https://sp-${n}.example.test/acs`] }) },
  'POST /api/admin/apps/saml/import': { body: (_, n) => ({ name: `Imported ${n}`, metadataXml: spMetadata(`https://imported-${n}.example.test`) }) },
  'GET /api/admin/apps/saml/:id': {},
  'POST /api/admin/apps/saml/:id': { body: () => ({ name: 'Hijacked' }) },
  'GET /api/admin/groups': {},
  'POST /api/admin/groups': { body: (_, n) => ({ name: `Group ${n}` }) },
  'POST /api/admin/groups/:id': { body: (_, n) => ({ name: `Renamed ${n}` }) },
  'DELETE /api/admin/groups/:id': {},
  'GET /api/admin/groups/:id/members': {},
  'POST /api/admin/groups/:id/members': { body: (ids) => ({ userId: ids.user }) },
  'DELETE /api/admin/groups/:id/members/:userId': {},
  'GET /api/admin/api-keys': { keys: 'refused' },
  'POST /api/admin/api-keys': { body: (_, n) => ({ name: `Key ${n}` }), keys: 'refused' },
  'DELETE /api/admin/api-keys/:id': { keys: 'refused' },
  'GET /api/admin/audit': {},
  'GET /api/admin/audit.csv': {},
  'GET /api/admin/audit/people': {},
  'GET /api/admin/policies': {},
  'POST /api/admin/policies': { body: () => ({ password: { minLength: 20 } }) },
  'GET /api/admin/branding': {},
  'POST /api/admin/branding': { body: () => ({ displayName: 'Hijacked', accentColor: '#000000' }) },
  'GET /api/admin/mail/status': {},
  'GET /api/admin/mail/outbox': {},
  'POST /api/admin/mail/outbox/:id/retry': {},
  'POST /api/admin/mail/test': { keys: 'refused' },
};

/** `:id` names the object of the segment before it; other parameter names say what they hold. */
const idAfterSegment: Record<string, Resource> = { users: 'user', groups: 'group', apps: 'app', bookmark: 'app', oidc: 'oidcApp', saml: 'samlApp', invitations: 'invitation', 'api-keys': 'apiKey', outbox: 'mail' };
const idByName: Record<string, Resource> = { userId: 'user', groupId: 'group', appId: 'app' };

type Value = (ids: Ids, n: number) => unknown;
/** `slot` numbers the parts that name an object, so one of them can point into another organization. */
type Part = { value: Value; slot?: number };
type Plan = { key: string; method: string; pattern: string; mutating: boolean; parts: (string | Part)[]; body?: Part; slots: number; keys?: 'refused' };
type PickIds = (slot: number | undefined) => Ids;

const namesOnly = Object.fromEntries(resources.map((r) => [r, r])) as Ids;
function readsIds(value: Value): boolean {
  let read = false;
  value(new Proxy(namesOnly, { get: (ids, k) => ((read = true), ids[k as Resource]) }), 0);
  return read;
}

function planFor(key: string): Plan {
  const [method, pattern] = key.split(' ');
  const row = table[key];
  let slots = 0;
  const part = (value: Value): Part => ({ value, slot: readsIds(value) ? slots++ : undefined });
  const pieces = pattern.split(/(:\w+)/).filter(Boolean);
  const parts = pieces.map((piece, i) => {
    if (!piece.startsWith(':')) return piece;
    const name = piece.slice(1);
    const resource = name === 'id' ? idAfterSegment[pieces[i - 1].split('/').filter(Boolean).pop()!] : idByName[name];
    const value = row.params?.[name] ?? (resource && ((ids: Ids) => ids[resource]));
    if (!value) throw new Error(`${key}: no generic value for :${name}; give it in the row's params`);
    return part(value);
  });
  return { key, method, pattern, mutating: method !== 'GET', parts, body: row.body && part(row.body), slots, keys: row.keys };
}

type World = { org: Org; ids: Ids; admin: TestClient; member: TestClient; key: string; keyId: string; userIds: string[]; markers: string[] };

let t: TestApp;
let acme: World;
let globex: World;
let anonymous: TestClient;
let bot: TestClient;
let registered: RegisteredRoute[];
let acmeBefore: Awaited<ReturnType<typeof snapshot>>;
let counter = 0;

/** An organization with an administrator, a member, and one of each object an admin route can name. */
async function seedWorld(name: string): Promise<World> {
  const org = await seedOrg(t, name);
  const domain = `${org.slug}.test`;
  const adminUser = await seedUser(t, { email: `admin@${domain}`, orgs: [org], role: 'admin' });
  const memberUser = await seedUser(t, { email: `member@${domain}`, orgs: [org] });
  const victim = await seedUser(t, { email: `victim@${domain}`, orgs: [org] });
  const admin = t.client();
  expect((await admin.signIn(adminUser.email, STRONG_PASSWORD, { portal: 'admin' })).statusCode).toBe(200);
  const member = t.client();
  expect((await member.signIn(memberUser.email, STRONG_PASSWORD)).statusCode).toBe(200);
  const make = async (url: string, body: unknown) => {
    const res = await admin.post(url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? res.json() : undefined;
  };
  const group = await make('/api/admin/groups', { name: `${name} Ops` });
  await make(`/api/admin/groups/${group.id}/members`, { userId: victim.id });
  const app = await make('/api/admin/apps', { name: `${name} Wiki`, url: `https://wiki.${domain}` });
  await make(`/api/admin/apps/${app.id}/assignments`, { userId: victim.id });
  await make(`/api/admin/apps/${app.id}/assignments`, { groupId: group.id });
  const oidcApp = await make('/api/admin/apps/oidc', { name: `${name} Portal`, kind: 'web', redirectUris: [`https://portal.${domain}/cb`] });
  const samlApp = await make('/api/admin/apps/saml', { name: `${name} HR`, entityId: `https://hr.${domain}`, acsUrls: [`https://hr.${domain}/acs`] });
  const invitation = await make('/api/admin/invitations', { email: `invitee@${domain}` });
  const apiKey = await make('/api/admin/api-keys', { name: `${name} provisioning` });
  const [mail] = await t.database.db.update(mailOutbox).set({ status: 'failed', lastError: 'connection refused' }).where(eq(mailOutbox.to, `invitee@${domain}`)).returning();
  // The victim has a session, a failed sign-in and a factor: each is something a hole would change.
  expect((await t.client().signIn(victim.email, STRONG_PASSWORD)).statusCode).toBe(200);
  await t.client().signIn(victim.email, 'wrong-Horse-battery-1');
  await t.database.db.insert(mfaFactors).values({ userId: victim.id, type: 'totp', name: 'Phone', confirmedAt: new Date(), totpSecretSealed: 'sealed' });
  const ids: Ids = { user: victim.id, group: group.id, app: app.id, oidcApp: oidcApp.id, samlApp: samlApp.id, invitation: invitation.id, apiKey: apiKey.id, mail: mail.id };
  const userIds = [adminUser.id, memberUser.id, victim.id];
  return { org, ids, admin, member, key: apiKey.key, keyId: apiKey.id, userIds, markers: [org.id, ...userIds, ...Object.values(ids), `@${domain}`] };
}

/** Everything of the organization an admin route could change, in a stable order (use timestamps left out). */
async function snapshot(w: World) {
  const db = t.database.db;
  const orgId = w.org.id;
  const orgGroups = db.select({ id: groups.id }).from(groups).where(eq(groups.orgId, orgId));
  const orgApps = db.select({ id: apps.id }).from(apps).where(eq(apps.orgId, orgId));
  const lockKeys = (await db.select({ e: users.emailCanonical }).from(users).where(inArray(users.id, w.userIds))).map((u) => lockoutKey(u.e));
  const tables = {
    org: await db.select().from(orgs).where(eq(orgs.id, orgId)),
    memberships: await db.select().from(memberships).where(or(eq(memberships.orgId, orgId), inArray(memberships.userId, w.userIds))),
    users: await db.select().from(users).where(inArray(users.id, w.userIds)),
    sessions: await db.select({ id: sessions.id, userId: sessions.userId, orgId: sessions.orgId }).from(sessions).where(or(eq(sessions.orgId, orgId), inArray(sessions.userId, w.userIds))),
    groups: await db.select().from(groups).where(eq(groups.orgId, orgId)),
    groupMembers: await db.select().from(groupMembers).where(or(inArray(groupMembers.groupId, orgGroups), inArray(groupMembers.userId, w.userIds))),
    apps: await db.select().from(apps).where(eq(apps.orgId, orgId)),
    assignments: await db.select().from(appAssignments).where(or(inArray(appAssignments.appId, orgApps), inArray(appAssignments.userId, w.userIds), inArray(appAssignments.groupId, orgGroups))),
    apiKeys: await db.select({ id: apiKeys.id, name: apiKeys.name, tokenHash: apiKeys.tokenHash, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.orgId, orgId)),
    invitations: await db.select().from(invitations).where(eq(invitations.orgId, orgId)),
    mail: await db.select().from(mailOutbox).where(eq(mailOutbox.orgId, orgId)),
    factors: await db.select().from(mfaFactors).where(inArray(mfaFactors.userId, w.userIds)),
    lockout: await db.select().from(signInFailures).where(inArray(signInFailures.identifierHash, lockKeys)),
  };
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.map((r) => JSON.stringify(r)).sort()]));
}

const keyUses = (w: World) =>
  t.database.db
    .select({ id: auditEvents.id, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.event, 'api_key.used')));

async function send(p: Plan, client: TestClient, pick: PickIds, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const n = ++counter;
  const url = p.parts.map((part) => (typeof part === 'string' ? part : String(part.value(pick(part.slot), n)))).join('');
  const body = p.body ? p.body.value(pick(p.body.slot), n) : undefined;
  return client.request(p.method as 'GET', url, body, { headers });
}

/** A request with the organization's API key, which must leave exactly one `api_key.used` row naming the route. */
async function sendWithKey(p: Plan, w: World, pick: PickIds): Promise<LightMyRequestResponse> {
  const before = new Set((await keyUses(w)).map((r) => r.id));
  const res = await send(p, bot, pick, { authorization: `Bearer ${w.key}` });
  const added = (await keyUses(w)).filter((r) => !before.has(r.id));
  expect(added.map((r) => r.details), `${p.key} with the API key of ${w.org.name} is audited once`).toEqual([{ apiKeyId: w.keyId, method: p.method, path: p.pattern }]);
  return res;
}

function expectError(res: LightMyRequestResponse, status: number, code: string, who: string) {
  expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
  expect(res.json().error.code, who).toBe(code);
}

function expectNothingOf(w: World, res: LightMyRequestResponse, who: string) {
  for (const marker of w.markers) expect(res.body, `${who} sees ${marker} of ${w.org.name}`).not.toContain(marker);
}

beforeAll(async () => {
  t = await createTestApp();
  registered = listRoutes(t.app).filter((r) => r.url.startsWith('/api/admin/'));
  acme = await seedWorld('Acme');
  globex = await seedWorld('Globex');
  anonymous = t.client();
  bot = t.client();
  acmeBefore = await snapshot(acme);
});
afterAll(() => t.close());

const keyOf = (r: RegisteredRoute) => `${r.method} ${r.url}`;

async function checkRoute(p: Plan) {
  const acmeIds: PickIds = () => acme.ids;
  expectError(await send(p, anonymous, acmeIds), 401, 'auth.required', 'nobody signed in');
  if (p.mutating) expectError(await send(p, acme.admin, acmeIds, { origin: 'https://evil.example' }), 403, 'request.cross_origin', "another site riding the administrator's cookie");
  expectError(await send(p, acme.member, acmeIds), 403, 'auth.forbidden', 'a member');

  // Globex's administrator and key, aimed at Acme's objects: all of them, then each one alone among Globex's own.
  const aimed: PickIds[] = [acmeIds, ...Array.from({ length: p.slots > 1 ? p.slots : 0 }, (_, s): PickIds => (slot) => (slot === s ? acme.ids : globex.ids))];
  const outsiders = [
    { who: 'the administrator of Globex', send: (pick: PickIds) => send(p, globex.admin, pick) },
    { who: 'the API key of Globex', key: true, send: (pick: PickIds) => sendWithKey(p, globex, pick) },
  ];
  for (const outsider of outsiders) {
    if (outsider.key && p.keys === 'refused') {
      expectError(await outsider.send(acmeIds), 403, 'auth.forbidden', outsider.who);
    } else if (p.slots === 0) {
      // No object named: the route acts on the caller's own organization only.
      const res = await outsider.send(() => globex.ids);
      expect(res.statusCode, `${outsider.who}: ${res.body}`).toBeLessThan(300);
      expectNothingOf(acme, res, outsider.who);
    } else {
      for (const pick of aimed) {
        const res = await outsider.send(pick);
        expect(res.statusCode, `${outsider.who}: ${res.body}`).toBe(404);
        expect(res.json().error.code, 'a 404 of the route, not of a path that matched nothing').not.toBe('not_found');
        expectNothingOf(acme, res, outsider.who);
      }
    }
  }
  expect(await snapshot(acme), `${p.key} changed nothing of Acme`).toEqual(acmeBefore);

  if (!p.mutating) {
    const own = await send(p, acme.admin, acmeIds);
    expect(own.statusCode, `the administrator of Acme: ${own.body}`).toBe(200);
    const withKey = await sendWithKey(p, acme, acmeIds);
    if (p.keys === 'refused') expectError(withKey, 403, 'auth.forbidden', 'the API key of Acme');
    else expect(withKey.statusCode, `the API key of Acme: ${withKey.body}`).toBe(200);
  }
}

describe('Admin API authorization', () => {
  it('has a row for every /api/admin route the server registers', () => {
    expect(registered.length).toBeGreaterThan(40);
    const missing = registered.map(keyOf).filter((key) => !(key in table));
    expect(missing, 'add these routes to the table in admin-authorization.int.test.ts').toEqual([]);
  });

  for (const key of Object.keys(table)) {
    it(key, async (ctx) => {
      // A row may name a route another branch is still adding.
      if (!registered.some((r) => keyOf(r) === key)) return ctx.skip();
      try {
        await checkRoute(planFor(key));
      } finally {
        acmeBefore = await snapshot(acme); // a change is reported once, by the route that made it
      }
    });
  }

  it("an API key of Acme reads Acme's users and groups, and no longer works once revoked", async () => {
    const key = { authorization: `Bearer ${acme.key}` };
    expect((await bot.get('/api/admin/users', { headers: key })).body).toContain(`victim@${acme.org.slug}.test`);
    expect((await bot.get(`/api/admin/groups/${acme.ids.group}/members`, { headers: key })).json().items.map((u: { id: string }) => u.id)).toEqual([acme.ids.user]);
    expect((await acme.admin.delete(`/api/admin/api-keys/${acme.keyId}`, {})).statusCode).toBe(204);
    expectError(await bot.get('/api/admin/users', { headers: key }), 401, 'auth.required', 'a revoked key');
  });
});
