import { z } from 'zod';
import { createOidcAppInput, oidcAppKinds, oidcGrantTypes, type OidcApp } from '../../../../contract/oidc-apps.ts';
import type { useAppForm } from '../../forms/use-app-form.ts';

export type OidcKind = (typeof oidcAppKinds)[number];
export type GrantType = (typeof oidcGrantTypes)[number];

/** What the OIDC form holds while the administrator types: strings and numbers as the inputs give them. */
export type OidcFormValues = {
  name: string;
  description: string;
  details: string;
  kind: OidcKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: GrantType[];
  initiateLoginUri: string;
  backchannelLogoutUri: string;
  consent: 'implicit' | 'explicit';
  accessTokenTtlSeconds: number | string;
  refreshTokenTtlSeconds: number | string;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
  mfaPolicy: { mode: 'none' | 'mfa' | 'recent'; withinMinutes: number | string };
};

/** The Mantine form holding those values. */
export type OidcForm = ReturnType<typeof useAppForm<OidcFormValues>>;

/** The grants each kind may use (the server enforces the same), the first ones checked by default. */
export const grantsByKind: Record<OidcKind, { allowed: GrantType[]; initial: GrantType[] }> = {
  web: { allowed: ['authorization_code', 'refresh_token', 'client_credentials'], initial: ['authorization_code', 'refresh_token'] },
  spa: { allowed: ['authorization_code', 'refresh_token'], initial: ['authorization_code', 'refresh_token'] },
  native: { allowed: ['authorization_code', 'refresh_token'], initial: ['authorization_code', 'refresh_token'] },
  machine: { allowed: ['client_credentials'], initial: ['client_credentials'] },
};

export const isConfidentialKind = (kind: OidcKind) => kind === 'web' || kind === 'machine';
/** Machine clients have no user, so no redirect, logout, launch or consent settings. */
export const signsPeopleIn = (kind: OidcKind) => kind !== 'machine';

export const emptyOidcForm: OidcFormValues = {
  name: '',
  description: '',
  details: '',
  kind: 'web',
  redirectUris: [''],
  postLogoutRedirectUris: [],
  grantTypes: grantsByKind.web.initial,
  initiateLoginUri: '',
  backchannelLogoutUri: '',
  consent: 'implicit',
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 14 * 86_400,
  tokenEndpointAuthMethod: 'client_secret_basic',
  mfaPolicy: { mode: 'none', withinMinutes: 15 },
};

// null, not left out: on an update, a field emptied removes the URI.
const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API body for the form's values: trimmed, blanks left out, settings a kind cannot have dropped. */
export function toOidcInput(v: OidcFormValues) {
  const people = signsPeopleIn(v.kind);
  const policy = v.mfaPolicy.mode === 'recent' ? { mode: 'recent' as const, withinMinutes: v.mfaPolicy.withinMinutes } : { mode: v.mfaPolicy.mode };
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    details: v.details.trim(),
    kind: v.kind,
    redirectUris: people ? v.redirectUris.map((u) => u.trim()) : [],
    postLogoutRedirectUris: people ? v.postLogoutRedirectUris.map((u) => u.trim()) : [],
    grantTypes: v.grantTypes.filter((g) => grantsByKind[v.kind].allowed.includes(g)),
    initiateLoginUri: people ? blankToNull(v.initiateLoginUri) : null,
    backchannelLogoutUri: people ? blankToNull(v.backchannelLogoutUri) : null,
    consent: v.consent,
    accessTokenTtlSeconds: v.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: v.refreshTokenTtlSeconds,
    tokenEndpointAuthMethod: v.tokenEndpointAuthMethod,
    mfaPolicy: policy,
  };
}

/** The shared contract schema, checked against the body the form will send (field paths are the same). */
export const oidcFormSchema = z.preprocess((v) => toOidcInput(v as OidcFormValues), createOidcAppInput);

/** The edit form of an existing application, from what the API reads back. */
export function oidcFormOf(app: OidcApp): OidcFormValues {
  const s = app.settings;
  return {
    ...emptyOidcForm,
    name: app.name,
    description: app.description,
    details: app.details,
    kind: s.kind,
    redirectUris: s.redirectUris ?? [],
    postLogoutRedirectUris: s.postLogoutRedirectUris ?? [],
    grantTypes: s.grantTypes,
    initiateLoginUri: s.initiateLoginUri ?? '',
    backchannelLogoutUri: s.backchannelLogoutUri ?? '',
    consent: s.consent ?? 'implicit',
    accessTokenTtlSeconds: s.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: s.refreshTokenTtlSeconds ?? 14 * 86_400,
    tokenEndpointAuthMethod: s.tokenEndpointAuthMethod ?? 'client_secret_basic',
    mfaPolicy: app.mfaPolicy.mode === 'recent' ? app.mfaPolicy : { mode: app.mfaPolicy.mode, withinMinutes: 15 },
  };
}

/** The body of a create, from values the form has validated. */
export const oidcCreateBody = (v: OidcFormValues) => oidcFormSchema.parse(v);

/** An update sends everything the form holds: what it does not show was read back unchanged. */
export const oidcUpdateBody = (v: OidcFormValues) => oidcFormSchema.parse(v);
