import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp } from '../../../test/http-browser.ts';
import { authorize, discover, fixtureDeps, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import { rotateOidcSecret } from '../../flows/admin/oidc-apps.ts';
import type { Org } from '../../domain/orgs/org-store.ts';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, memberships, oidcPayloads } from '../../db/schema/index.ts';
import { removeAppAssignment } from '../../domain/apps/app-assignments.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;
let ada: { id: string };
const who = { email: 'ada@acme.test', password: STRONG_PASSWORD };

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
  ada = await seedUser(t, { email: who.email, orgs: [acme] });
});
afterAll(() => t.close());

/** Tokens of a fresh application, for Ada or for `person` (seeded by e-mail, with the test password). */
async function signedInTokens(input: Record<string, unknown> = {}, person?: { id: string; email: string }) {
  const app = await seedOidcApp(t, acme, input, (person ?? ada).id);
  const config = await discover(t.url, app.clientId, app.clientSecret);
  const a = await authorize(config, t.url, person ? { email: person.email, password: STRONG_PASSWORD } : who);
  const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
  return { app, config, tokens };
}

describe('refresh tokens (RFC 6749 §6, RFC 9700 §4.14)', () => {
  it('rotates on every use, and a reused old refresh token revokes the whole family', async () => {
    const { app, config, tokens } = await signedInTokens();
    const first = tokens.refresh_token!;
    const second = await client.refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    const third = await client.refreshTokenGrant(config, second.refresh_token!);
    expect(third.access_token).toBeTruthy();

    await expect(client.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse detection: the newest tokens of that grant die too.
    await expect(client.refreshTokenGrant(config, third.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, third.access_token)).active).toBe(false);
    // The organization hears of the reuse (a stolen token, or a client bug), once.
    const reused = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'oidc.token_reused'), sql`${auditEvents.details}->>'appId' = ${app.clientId}`));
    expect(reused).toMatchObject([{ orgId: acme.id, outcome: 'failure', details: { grantType: 'refresh_token', grantRevoked: true } }]);
  });

  it('keeps the lifetime of the first refresh token through rotations: it does not slide with each use', async () => {
    const { config, tokens } = await signedInTokens({ refreshTokenTtlSeconds: 3600 });
    const now = () => Math.floor(Date.now() / 1000);
    const expOf = async (token: string) => (await client.tokenIntrospection(config, token)).exp!;
    expect(await expOf(tokens.refresh_token!)).toBeGreaterThan(now() + 3590);
    // As if the first token had been issued 40 minutes ago: 20 minutes of its hour are left.
    const left = now() + 20 * 60;
    await t.database.db
      .update(oidcPayloads)
      .set({ payload: sql`jsonb_set(${oidcPayloads.payload}, '{exp}', to_jsonb(${left}::int))`, expiresAt: new Date(left * 1000) })
      .where(and(eq(oidcPayloads.model, 'RefreshToken'), eq(oidcPayloads.id, tokens.refresh_token!)));
    const second = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(Math.abs((await expOf(second.refresh_token!)) - left)).toBeLessThanOrEqual(2);
    const third = await client.refreshTokenGrant(config, second.refresh_token!);
    expect(Math.abs((await expOf(third.refresh_token!)) - left)).toBeLessThanOrEqual(2);
  });

  it('stops refreshing for a person suspended in the organization', async () => {
    const bob = await seedUser(t, { email: 'bob@acme.test', orgs: [acme] });
    const { config, tokens } = await signedInTokens({}, bob);
    await t.database.db.update(memberships).set({ suspendedAt: new Date() }).where(eq(memberships.userId, bob.id));
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('stops refreshing, answering userinfo and introspecting as active once the application is taken away', async () => {
    const cleo = await seedUser(t, { email: 'cleo@acme.test', orgs: [acme] });
    const { app, config, tokens } = await signedInTokens({}, cleo);
    const fresh = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect((await client.fetchUserInfo(config, fresh.access_token, cleo.id)).email).toBe('cleo@acme.test');
    expect((await client.tokenIntrospection(config, fresh.access_token)).active).toBe(true);
    expect(await removeAppAssignment(t.database.db, app.id, { userId: cleo.id })).toBe(true);
    // A resource server asking about the access token hears it is over, before it expires.
    expect(await client.tokenIntrospection(config, fresh.access_token)).toEqual({ active: false });
    await expect(client.fetchUserInfo(config, fresh.access_token, cleo.id)).rejects.toMatchObject({ status: 401, cause: [expect.objectContaining({ parameters: expect.objectContaining({ error: 'invalid_token' }) })] });
    await expect(client.refreshTokenGrant(config, fresh.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('dies with the password: changing it ends what applications hold (SECURITY.md)', async () => {
    const carol = await seedUser(t, { email: 'carol@acme.test', orgs: [acme] });
    const app = await seedOidcApp(t, acme, {}, carol.id);
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const a = await authorize(config, t.url, { email: 'carol@acme.test', password: STRONG_PASSWORD });
    const tokens = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    const changed = await a.browser.fetch('/api/me/password', { method: 'POST', json: { currentPassword: STRONG_PASSWORD, newPassword: 'another-Horse-battery-43', keepThisSession: true } });
    expect(changed.status).toBe(200);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    // The kept Tessera session passes straight back through for new tokens.
    const again = await authorize(config, t.url, undefined, { browser: a.browser });
    expect(again.stoppedAt).toBeUndefined();
  });

  it('one refresh token used by ten parallel requests rotates exactly once', async () => {
    const { config, tokens } = await signedInTokens();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.refreshTokenGrant(config, tokens.refresh_token!)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
  });
});

describe('client credentials (RFC 6749 §4.4)', () => {
  it('issues a token to a machine client, which introspection describes', async () => {
    const app = await seedOidcApp(t, acme, { kind: 'machine', redirectUris: [] });
    const config = await discover(t.url, app.clientId, app.clientSecret);
    const grant = await client.clientCredentialsGrant(config);
    expect(grant.token_type.toLowerCase()).toBe('bearer');
    const info = await client.tokenIntrospection(config, grant.access_token);
    expect(info).toMatchObject({ active: true, client_id: app.clientId });
    expect(info.sub).toBeUndefined();
  });

  it('refuses client_credentials to a client not registered for it', async () => {
    const web = await seedOidcApp(t, acme);
    const webConfig = await discover(t.url, web.clientId, web.clientSecret);
    await expect(client.clientCredentialsGrant(webConfig)).rejects.toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });
  });

  it('stops accepting the old secret the moment it is rotated, though the client was in use', async () => {
    const app = await seedOidcApp(t, acme, { kind: 'machine', redirectUris: [] });
    const old = await discover(t.url, app.clientId, app.clientSecret);
    expect((await client.clientCredentialsGrant(old)).access_token).toBeTruthy();
    const { clientSecret } = await rotateOidcSecret({ orgId: acme.id, adminId: null }, app.id, fixtureDeps(t));
    expect(await client.clientCredentialsGrant(old).catch((e) => e.status)).toBe(401);
    const rotated = await discover(t.url, app.clientId, clientSecret);
    expect((await client.clientCredentialsGrant(rotated)).access_token).toBeTruthy();
  });

  it('follows a change to the client made elsewhere (another process, or by hand in SQL)', async () => {
    const app = await seedOidcApp(t, acme, { kind: 'machine', redirectUris: [] });
    const config = await discover(t.url, app.clientId, app.clientSecret);
    expect((await client.clientCredentialsGrant(config)).access_token).toBeTruthy();
    // Not through Tessera's code: only the database's change notification can tell this process.
    await t.database.db.execute(sql`update apps set protocol = jsonb_set(protocol, '{secretHash}', '"replaced"') where id = ${app.id}`);
    expect(await eventually(() => client.clientCredentialsGrant(config).then(() => 200, (e) => e.status))).toBe(401);
    const other = await seedOidcApp(t, acme, { kind: 'machine', redirectUris: [] });
    const otherConfig = await discover(t.url, other.clientId, other.clientSecret);
    expect((await client.clientCredentialsGrant(otherConfig)).access_token).toBeTruthy();
    await t.database.db.execute(sql`delete from apps where id = ${other.id}`);
    expect(await eventually(() => client.clientCredentialsGrant(otherConfig).then(() => 200, (e) => e.status))).toBe(401);
  });
});

/** The answer once it is 401, or the last one after two seconds (notifications arrive after commit). */
async function eventually(attempt: () => Promise<number>): Promise<number> {
  const until = Date.now() + 2_000;
  let status = await attempt();
  while (status !== 401 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    status = await attempt();
  }
  return status;
}

describe('introspection (RFC 7662) and revocation (RFC 7009)', () => {
  it('introspects an access token with its subject and scope, and revokes it', async () => {
    const { app, config, tokens } = await signedInTokens();
    const info = await client.tokenIntrospection(config, tokens.access_token);
    expect(info).toMatchObject({ active: true, sub: ada.id, client_id: app.clientId });
    expect(String(info.scope).split(' ')).toContain('email');
    await client.tokenRevocation(config, tokens.access_token);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('revoking a refresh token ends it', async () => {
    const { config, tokens } = await signedInTokens();
    await client.tokenRevocation(config, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('lets a resource server of the same organization introspect, never one of another organization', async () => {
    const { tokens } = await signedInTokens();
    const api = await seedOidcApp(t, acme, { kind: 'machine', redirectUris: [] });
    const apiConfig = await discover(t.url, api.clientId, api.clientSecret);
    expect((await client.tokenIntrospection(apiConfig, tokens.access_token)).active).toBe(true);
    const foreign = await seedOidcApp(t, await seedOrg(t, 'Globex'), { kind: 'machine', redirectUris: [] });
    const foreignConfig = await discover(t.url, foreign.clientId, foreign.clientSecret);
    expect((await client.tokenIntrospection(foreignConfig, tokens.access_token)).active).toBe(false);
  });
});

describe('per-application token lifetimes', () => {
  it('gives access tokens the lifetime the administrator set', async () => {
    const { tokens } = await signedInTokens({ accessTokenTtlSeconds: 300 });
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    expect(tokens.expires_in).toBeGreaterThan(290);
  });
});
