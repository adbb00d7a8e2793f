import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';
import { createOidcApp } from '../src/flows/admin/oidc-apps.ts';
import { assignApp } from '../src/domain/apps/app-store.ts';
import { defaultArgon2Params } from '../src/domain/credentials/password-hash.ts';
import { createMasterKey } from '../src/domain/secrets/master-key.ts';
import type { FlowDeps } from '../src/flows/deps.ts';
import type { Org } from '../src/domain/orgs/org-store.ts';
import type { TestApp } from './harness.ts';
import { HttpBrowser } from './http-browser.ts';

export const CALLBACK = 'https://rp.example/callback';

export function fixtureDeps(t: TestApp): FlowDeps {
  return { db: t.database.db, publicUrl: t.config.publicUrl, argon2: defaultArgon2Params, masterKey: createMasterKey(randomBytes(32)), mailQueued: () => {}, ctx: { ip: '127.0.0.1', userAgent: 'tests' }, memo: new Map() };
}

/** An OIDC application of `org`, optionally assigned to `userId`; returns its id and one-time secret. */
/** Application names are unique per organization: the first fixture is "Wiki", the next "Wiki 2"… */
const fixtureNames = new WeakMap<TestApp, Map<string, number>>();
export function nextAppName(t: TestApp, orgId: string, base = 'Wiki'): string {
  const counts = fixtureNames.get(t) ?? new Map<string, number>();
  fixtureNames.set(t, counts);
  const n = (counts.get(`${orgId} ${base}`) ?? 0) + 1;
  counts.set(`${orgId} ${base}`, n);
  return n === 1 ? base : `${base} ${n}`;
}

export async function seedOidcApp(t: TestApp, org: Org, input: Record<string, unknown> = {}, assignTo?: string) {
  const created = await createOidcApp({ orgId: org.id, adminId: null }, { name: nextAppName(t, org.id), kind: 'web', redirectUris: [CALLBACK], postLogoutRedirectUris: ['https://rp.example/bye'], ...input }, fixtureDeps(t));
  if (assignTo) await assignApp(t.database.db, created.id, { userId: assignTo });
  return created;
}

/** openid-client's view of our issuer, over real HTTP on loopback. */
export async function discover(url: string, clientId: string, secret: string | null): Promise<client.Configuration> {
  const auth = secret ? client.ClientSecretBasic(secret) : client.None();
  return client.discovery(new URL(`${url}/oidc`), clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
}

export type Authorized = { callback: URL; verifier: string; state: string; browser: HttpBrowser };

/**
 * The front channel as a browser lives it: the authorization request, User Login when asked,
 * back through the interaction, until the provider redirects to the client's callback.
 */
export async function authorize(
  config: client.Configuration,
  url: string,
  who: { email: string; password: string } | undefined,
  opts: { browser?: HttpBrowser; params?: Record<string, string>; verifier?: string } = {},
): Promise<Authorized & { stoppedAt?: string }> {
  const browser = opts.browser ?? new HttpBrowser(url);
  const verifier = opts.verifier ?? client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid email profile offline_access groups',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...opts.params,
  });
  let { url: at } = await browser.follow(authUrl.href);
  if (at.includes('/login?') && who) {
    const returnTo = new URL(at).searchParams.get('returnTo') ?? undefined;
    const done = await browser.signIn(who.email, who.password, returnTo);
    if (done.step !== 'done' || !done.redirectTo) return { callback: new URL(at), verifier, state, browser, stoppedAt: at };
    ({ url: at } = await browser.follow(done.redirectTo));
  }
  const stoppedAt = at.startsWith(CALLBACK) ? undefined : at;
  return { callback: new URL(at), verifier, state, browser, stoppedAt };
}
