import Provider, { interactionPolicy, type Configuration, type FindAccount } from 'oidc-provider';
import type { ClientCache } from './client-cache.ts';
import { hashToken, safeEqual } from '../../domain/secrets/tokens.ts';
import { oidcIssuerOf, type StoredOidcSettings } from '../../domain/apps/oidc-client.ts';
import { loadPersonClaims } from '../../flows/sso/person-claims.ts';
import { findActivePerson } from '../../domain/users/find-active-person.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { createOidcAdapter, writePending } from './adapter.ts';
import { cookieKeys } from './cookie-keys.ts';
import { loadGrantFor } from './first-party-grant.ts';
import { hasConsent } from '../../domain/apps/consent-store.ts';
import { adoptTesseraSession, tesseraSessionChecks } from './session-check.ts';
import { renderLogoutPage, renderLogoutDonePage, renderErrorPage } from './pages.ts';
import { endTesseraSessionOnLogout } from './end-session.ts';
import { auditProviderEvents } from './audit-provider-events.ts';
import { providerFetch } from './provider-fetch.ts';
import { REQUESTED_AT_PARAM, stampRequestedAt } from './requested-at.ts';
import { refuseNulParameters } from './refuse-nul.ts';

import { LANGUAGES } from '../../../../contract/language.ts';

export { OIDC_PATH } from '../../domain/apps/oidc-client.ts';

/**
 * Claims by scope. How the person signed in (acr, amr, auth_time) rides on `openid`, so every ID
 * token tells the application whether MFA was used and when — what per-application policies need.
 */
const CLAIMS = {
  sid: null,
  iss: null,
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'job_title', 'department', 'employee_id'],
  phone: ['phone_number'],
  address: ['address'],
  groups: ['groups'],
};

/**
 * The one issuer, `${PUBLIC_URL}/oidc`, built on oidc-provider's public configuration. Its
 * interactions are Tessera's own sign-in (see interaction-routes.ts); its storage is our database.
 */
export function createOidcProvider(deps: HttpDeps, jwks: { keys: object[] }, clients: ClientCache): Provider {
  // Filled whenever a client is resolved, so per-application lifetimes and organization checks need no second read.
  const byClient = new Map<string, { settings: StoredOidcSettings; orgId: string; appId: string }>();
  const settingsOf = (clientId: string | undefined) => (clientId ? byClient.get(clientId)?.settings : undefined);
  const appOfClient = async (clientId: string) => {
    const known = byClient.get(clientId);
    if (known) return { id: known.appId, orgId: known.orgId };
    const app = (await clients.get(clientId))?.app;
    return app && { id: app.id, orgId: app.orgId };
  };
  const orgOfClient = async (clientId: string) => (await appOfClient(clientId))?.orgId;
  const sameOrg = async (a: string, b: string | undefined) => {
    if (!b) return false;
    const [orgA, orgB] = await Promise.all([orgOfClient(a), orgOfClient(b)]);
    return orgA !== undefined && orgA === orgB;
  };
  /** A person's token describes them only while the application is still theirs (as findAccount below). */
  const stillTheirs = async (token: { clientId?: string; accountId?: string }) => {
    if (!token.accountId) return true;
    const app = token.clientId ? await appOfClient(token.clientId) : undefined;
    return app !== undefined && (await findActivePerson(deps.db, app, token.accountId)) !== undefined;
  };

  const resolveClient = async (clientId: string) => {
    const client = await clients.get(clientId);
    if (!client) return undefined;
    byClient.set(clientId, { settings: client.settings, orgId: client.app.orgId, appId: client.app.id });
    // Frozen in the cache (client-cache.ts): the provider copies what it keeps, and must not change ours.
    return client.metadata;
  };

  /**
   * Every grant (a refresh too) and userinfo ask for the account: a person no longer active, no
   * longer a member, suspended in the application's organization, or no longer assigned the
   * application gets nothing more. The same read brings the claims, so an ID token costs no second one.
   */
  const findAccount: FindAccount = async (ctx, sub) => {
    const clientId = ctx?.oidc?.client?.clientId;
    const app = clientId ? await appOfClient(clientId) : undefined;
    const claims = app ? await loadPersonClaims(deps.db, app, sub) : undefined;
    if (!claims) return undefined;
    return { accountId: sub, claims: () => claims };
  };
  const loadExistingGrant = loadGrantFor((clientId) => clients.get(clientId), (accountId, appId, scopes) => hasConsent(deps.db, accountId, appId, scopes));

  const policy = interactionPolicy.base();
  for (const check of tesseraSessionChecks(deps, clients)) policy.get('login')!.checks.add(check);
  // Prompts are judged in order, their checks at once: the session is taken on before `login` looks at it.
  policy.unshift(adoptTesseraSession(deps, clients, findAccount, loadExistingGrant));

  const cookieKey = deps.masterKey.derive('oidc-cookies').toString('base64url');
  const configuration: Configuration = {
    adapter: createOidcAdapter(deps.db, resolveClient),
    jwks: jwks as Configuration['jwks'],
    cookies: {
      keys: cookieKeys([cookieKey]),
      long: { signed: true, sameSite: 'lax', secure: deps.config.secureCookies },
      short: { signed: true, sameSite: 'lax', secure: deps.config.secureCookies },
    },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'phone', 'address', 'groups'],
    claims: CLAIMS,
    acrValues: ['pwd', 'mfa'],
    // The sign-in pages speak these; an application's ui_locales picks among them (interaction-routes.ts).
    discovery: { ui_locales_supported: [...LANGUAGES] },
    extraParams: { [REQUESTED_AT_PARAM]: stampRequestedAt },
    findAccount,
    // The claims of the granted scopes go in the ID token as well as userinfo (oidc-provider keeps
    // them for userinfo by default): many applications read the ID token only, as with Okta or Entra.
    conformIdTokenClaims: false,
    // What Tessera's applications can be registered for, and so what discovery promises: the code
    // flow only (no implicit or hybrid responses), and shared secrets or PKCE alone (no JWT client
    // assertions, which no application can be given keys for).
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    interactions: { policy, url: (_ctx, interaction) => `/api/oidc/interaction/${interaction.uid}` },
    // SECURITY.md: PKCE with S256 for every client, confidential ones too.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // A resource server may introspect tokens of its own organization's applications, nothing more;
      // a person's token is inactive once they lost the application (suspended, unassigned, removed).
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, caller, token) =>
          (token.clientId === caller.clientId || (caller.clientAuthMethod !== 'none' && (await sameOrg(caller.clientId, token.clientId)))) && (await stillTheirs(token)),
      },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: renderLogoutPage, postLogoutSuccessSource: renderLogoutDonePage },
    },
    renderError: renderErrorPage,
    fetch: providerFetch(deps.config.outboundAllow),
    loadExistingGrant,
    // Refresh tokens rotate on every use; a reused one revokes the whole grant (RFC 9700 §4.14.2).
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((u) => new URL(u).origin === origin) ?? false,
    ttl: {
      AccessToken: (ctx, _token, client) => settingsOf(client?.clientId ?? ctx?.oidc?.client?.clientId)?.accessTokenTtlSeconds ?? 3600,
      ClientCredentials: (ctx, _token, client) => settingsOf(client?.clientId ?? ctx?.oidc?.client?.clientId)?.accessTokenTtlSeconds ?? 3600,
      // A rotated token keeps what was left of the one it replaces: the lifetime counts from the first
      // issue, so rotation (always on) cannot keep a grant alive for ever. oidc-provider's default does
      // this for public browser clients only (others get a fresh 14 days); here it holds for every
      // client, and an application's lifetime cut shorter since then applies at once.
      RefreshToken: (ctx, _token, client) => {
        const configured = settingsOf(client?.clientId ?? ctx?.oidc?.client?.clientId)?.refreshTokenTtlSeconds ?? 14 * 86_400;
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        return rotated ? Math.max(1, Math.min(rotated.remainingTTL, configured)) : configured;
      },
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 15 * 60,
      Session: 14 * 86_400,
      Grant: 90 * 86_400,
    },
  };

  const provider = new Provider(oidcIssuerOf(deps.config.publicUrl), configuration);
  // The forwarded headers it reads are set by oidc-routes.ts from PUBLIC_URL and the socket, never from the client.
  provider.proxy = true;
  // The client's secret is stored as its SHA-256 (shown once, never kept): compare hashes.
  provider.Client.prototype.compareClientSecret = function compareHashedSecret(this: { clientSecret?: string }, actual: string) {
    return safeEqual(hashToken(actual), this.clientSecret ?? '');
  };
  // Outermost: the tokens a request issued are written before its response leaves (adapter.ts).
  provider.use(async (_ctx, next) => {
    await next();
    await writePending(deps.db);
  });
  provider.use(refuseNulParameters());
  provider.use(endTesseraSessionOnLogout(deps));
  provider.use(auditProviderEvents(provider, deps, clients));
  return provider;
}
