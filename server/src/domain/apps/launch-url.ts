import type { AppRow } from './app-store.ts';

/**
 * Where a portal tile sends the person: a bookmark's address, an OIDC application's sign-in start
 * (its initiate-login URI or its origin, kept in `url` when saved), or Tessera's IdP-initiated
 * SAML endpoint for a SAML application.
 */
export function launchUrlOf(app: AppRow): string | undefined {
  if (app.type === 'saml') return `/saml/apps/${app.id}/launch`;
  return app.url ?? undefined;
}
