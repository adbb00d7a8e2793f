import { z } from 'zod';
import { oidcGrantTypes, oidcSettingsInput } from '../../../../contract/oidc-apps.ts';
import { AppError } from '../../errors.ts';
import type { AppRow } from './app-store.ts';

/** What `apps.protocol` holds for an OIDC application: its settings and, for confidential ones, the secret's SHA-256. */
export const storedOidcSettings = oidcSettingsInput.extend({
  grantTypes: z.array(z.enum(oidcGrantTypes)),
  secretHash: z.string().optional(),
});
export type StoredOidcSettings = z.infer<typeof storedOidcSettings>;
type Kind = StoredOidcSettings['kind'];

/** Where the OpenID Connect issuer lives under PUBLIC_URL; the issuer identifier is `${PUBLIC_URL}/oidc`. */
export const OIDC_PATH = '/oidc';
export const oidcIssuerOf = (publicUrl: string) => `${publicUrl}${OIDC_PATH}`;

export const isConfidential = (kind: Kind) => kind === 'web' || kind === 'machine';

/** The grant types a kind of application may use; the first list is the default. */
const allowedGrants: Record<Kind, StoredOidcSettings['grantTypes']> = {
  web: ['authorization_code', 'refresh_token', 'client_credentials'],
  spa: ['authorization_code', 'refresh_token'],
  native: ['authorization_code', 'refresh_token'],
  machine: ['client_credentials'],
};
const defaultGrants: Record<Kind, StoredOidcSettings['grantTypes']> = {
  web: ['authorization_code', 'refresh_token'],
  spa: ['authorization_code', 'refresh_token'],
  native: ['authorization_code', 'refresh_token'],
  machine: ['client_credentials'],
};

/**
 * Settings that make sense together: public clients cannot hold a secret for client_credentials,
 * a machine client has no user and no redirect, and a sign-in client needs a redirect URI.
 */
export function normalizeOidcSettings(input: z.output<typeof oidcSettingsInput>): Omit<StoredOidcSettings, 'secretHash'> {
  const grantTypes = input.grantTypes ?? defaultGrants[input.kind];
  const refused = grantTypes.filter((g) => !allowedGrants[input.kind].includes(g));
  if (refused.length) throw new AppError('app.invalid', `A ${input.kind} application cannot use ${refused.join(', ')}.`);
  if (grantTypes.includes('authorization_code') && input.redirectUris.length === 0) {
    throw new AppError('app.invalid', 'Add at least one redirect URI.');
  }
  if (grantTypes.includes('refresh_token') && !grantTypes.includes('authorization_code')) {
    throw new AppError('app.invalid', 'Refresh tokens come from the authorization code grant: enable it too.');
  }
  return { ...input, grantTypes: [...new Set(grantTypes)], redirectUris: input.kind === 'machine' ? [] : input.redirectUris };
}

export function oidcSettingsOf(app: Pick<AppRow, 'type' | 'protocol'>): StoredOidcSettings | undefined {
  if (app.type !== 'oidc') return undefined;
  const parsed = storedOidcSettings.safeParse(app.protocol);
  return parsed.success ? parsed.data : undefined;
}

/**
 * oidc-provider client metadata for an application. `client_secret` carries the SHA-256 of the
 * secret, never the secret: the provider's comparison is replaced to hash what the client sends.
 */
export function toClientMetadata(app: AppRow, s: StoredOidcSettings): Record<string, unknown> {
  const confidential = isConfidential(s.kind);
  const signsIn = s.grantTypes.includes('authorization_code');
  return {
    client_id: app.id,
    client_name: app.name,
    ...(confidential && s.secretHash ? { client_secret: s.secretHash } : {}),
    token_endpoint_auth_method: confidential ? s.tokenEndpointAuthMethod : 'none',
    application_type: s.kind === 'native' ? 'native' : 'web',
    grant_types: s.grantTypes,
    response_types: signsIn ? ['code'] : [],
    redirect_uris: s.redirectUris,
    post_logout_redirect_uris: s.postLogoutRedirectUris,
    // initiate_login_uri stays ours (the portal tile uses it): oidc-provider would insist on https,
    // while an application on loopback during development may use http.
    ...(s.backchannelLogoutUri ? { backchannel_logout_uri: s.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}

/** Where the portal tile starts a sign-in: the initiate-login URI, else the first redirect URI's origin. */
export function oidcLaunchUrl(s: StoredOidcSettings): string | undefined {
  if (s.initiateLoginUri) return s.initiateLoginUri;
  const first = s.redirectUris.find((u) => /^https?:/.test(u));
  return first ? new URL(first).origin : undefined;
}
