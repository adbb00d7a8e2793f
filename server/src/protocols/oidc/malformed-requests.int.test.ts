import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as client from 'openid-client';
import { sql } from 'drizzle-orm';
import { seedOrg, seedUser, STRONG_PASSWORD } from '../../../test/harness.ts';
import { createListeningTestApp, HttpBrowser } from '../../../test/http-browser.ts';
import { CALLBACK, discover, seedOidcApp } from '../../../test/oidc-fixtures.ts';
import type { Org } from '../../domain/orgs/org-store.ts';

let t: Awaited<ReturnType<typeof createListeningTestApp>>;
let acme: Org;
let ada: { id: string };
let config: client.Configuration;
let browser: HttpBrowser;

beforeAll(async () => {
  t = await createListeningTestApp();
  acme = await seedOrg(t, 'Acme');
  ada = await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
  const app = await seedOidcApp(t, acme, {}, ada.id);
  config = await discover(t.url, app.clientId, app.clientSecret);
  browser = new HttpBrowser(t.url);
  await browser.signIn('ada@acme.test', STRONG_PASSWORD);
});
afterAll(() => t.close());

const authorizationUrl = async (extra: Record<string, string>) =>
  client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256', ...extra });

const oauthError = async (attempt: Promise<unknown>) => {
  const err = await attempt.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(client.ResponseBodyError);
  return err as client.ResponseBodyError;
};

describe('malformed OpenID Connect requests (SECURITY.md: NUL refused before storage)', () => {
  it.each<Record<string, string>>([{ state: 'a\0b' }, { nonce: '\0' }, { login_hint: '\0' }])('answers an authorization request carrying %o with a 400 invalid_request page, not a redirect', async (extra) => {
    const url = await authorizationUrl(extra);
    expect(url.search).toContain('%00');
    const res = await browser.fetch(url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('invalid_request');
  });

  it('answers NUL in the form body of the token, refresh and introspection endpoints with invalid_request, not a server error', async () => {
    const code = await oauthError(client.authorizationCodeGrant(config, new URL(`${CALLBACK}?code=ab%00c&iss=${encodeURIComponent(config.serverMetadata().issuer)}`), { pkceCodeVerifier: client.randomPKCECodeVerifier() }));
    expect([code.status, code.error]).toEqual([400, 'invalid_request']);
    const refresh = await oauthError(client.refreshTokenGrant(config, 'ab\0c'));
    expect([refresh.status, refresh.error]).toEqual([400, 'invalid_request']);
    const introspection = await oauthError(client.tokenIntrospection(config, 'ab\0c'));
    expect([introspection.status, introspection.error]).toEqual([400, 'invalid_request']);
  });

  it('logs what failed when the provider answers server_error', async () => {
    const logged = vi.spyOn(t.app.log, 'error');
    // Storage failing under the provider: every authorization request must save an interaction.
    await t.database.db.execute(sql`ALTER TABLE oidc_payloads RENAME TO oidc_payloads_away`);
    try {
      const res = await browser.fetch((await authorizationUrl({ state: 'ok' })).href);
      expect(res.status).toBe(500);
    } finally {
      await t.database.db.execute(sql`ALTER TABLE oidc_payloads_away RENAME TO oidc_payloads`);
    }
    const call = logged.mock.calls.find((c) => c[1] === 'OpenID Connect request failed');
    expect(call?.[0]).toMatchObject({ route: 'authorization', path: '/auth', err: { message: expect.stringContaining('oidc_payloads') } });
    logged.mockRestore();
  });
});
