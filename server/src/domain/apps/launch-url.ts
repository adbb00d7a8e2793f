import type { AppRow } from './app-store.ts';
import { oidcIssuerOf, oidcSettingsOf, type StoredOidcSettings } from './oidc-client.ts';

/**
 * OIDC Core §4, Initiating Login from a Third Party: `iss` is REQUIRED (the application starts its
 * sign-in at that issuer, and must not be sent to another); `target_link_uri` says where to land
 * once signed in: the application's own site, the origin of its first redirect URI.
 */
function thirdPartyLoginUrl(initiateLoginUri: string, s: StoredOidcSettings, publicUrl: string): string {
  const url = new URL(initiateLoginUri);
  url.searchParams.set('iss', oidcIssuerOf(publicUrl));
  const home = s.redirectUris.find((u) => /^https?:/.test(u));
  if (home) url.searchParams.set('target_link_uri', new URL(home).origin);
  return url.href;
}

/**
 * Where a portal tile sends the person: a bookmark's address, an OIDC application's initiate-login
 * URI (or, without one, the origin kept in `url` when saved), or Tessera's IdP-initiated SAML
 * endpoint for a SAML application.
 */
export function launchUrlOf(app: AppRow, publicUrl: string): string | undefined {
  if (app.type === 'saml') return `/saml/apps/${app.id}/launch`;
  const oidc = oidcSettingsOf(app);
  if (oidc?.initiateLoginUri) return thirdPartyLoginUrl(oidc.initiateLoginUri, oidc, publicUrl);
  return app.url ?? undefined;
}
