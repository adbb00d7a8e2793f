import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createOidcAppInput, OidcApp, oidcAppCreatedSchema, oidcAppUpdatedSchema, updateOidcAppInput } from '../../../contract/oidc-apps.ts';
import { api } from './client.ts';
import { adminKeys } from './admin.ts';

export type CreateOidcAppInput = z.input<typeof createOidcAppInput>;
export type UpdateOidcAppInput = z.input<typeof updateOidcAppInput>;
export type OidcAppCreated = z.infer<typeof oidcAppCreatedSchema>;
export type OidcAppUpdated = z.infer<typeof oidcAppUpdatedSchema>;

/** Under adminKeys.apps(), so a change to an OIDC application refreshes the application list too. */
export const oidcAppKeys = {
  all: () => [...adminKeys.apps(), 'oidc'] as const,
  detail: (id: string) => [...oidcAppKeys.all(), id] as const,
};

export const oidcAppQueries = {
  detail: (id: string) => queryOptions({ queryKey: oidcAppKeys.detail(id), queryFn: () => api.get<OidcApp>(`/api/admin/apps/oidc/${encodeURIComponent(id)}`), retry: false }),
};

export const oidcAppsApi = {
  /** The client secret in the answer is shown once; the server keeps only its hash. */
  create: (input: CreateOidcAppInput) => api.post<OidcAppCreated>('/api/admin/apps/oidc', input),
  /** A new client secret comes back only when the update made the application confidential: shown once. */
  update: (id: string, input: UpdateOidcAppInput) => api.post<OidcAppUpdated>(`/api/admin/apps/oidc/${encodeURIComponent(id)}`, input),
  rotateSecret: (id: string) => api.post<{ clientSecret: string }>(`/api/admin/apps/oidc/${encodeURIComponent(id)}/secret`),
};

/** Where a relying party finds us: the issuer and its discovery document. */
export function issuerOf(origin: string): { issuer: string; discovery: string } {
  return { issuer: `${origin}/oidc`, discovery: `${origin}/oidc/.well-known/openid-configuration` };
}
