import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createSamlAppInput, importSamlAppInput, SamlApp, SamlIdpInfo, updateSamlAppInput } from '../../../contract/saml-apps.ts';
import { api } from './client.ts';
import { adminKeys } from './admin.ts';

export type CreateSamlAppInput = z.input<typeof createSamlAppInput>;
export type ImportSamlAppInput = z.input<typeof importSamlAppInput>;
export type UpdateSamlAppInput = z.input<typeof updateSamlAppInput>;

/** Applications under adminKeys.apps(), so a change refreshes the application list; the IdP apart, it never changes with them. */
export const samlAppKeys = {
  all: () => [...adminKeys.apps(), 'saml'] as const,
  detail: (id: string) => [...samlAppKeys.all(), id] as const,
  idp: () => [...adminKeys.all, 'saml-idp'] as const,
};

export const samlAppQueries = {
  detail: (id: string) => queryOptions({ queryKey: samlAppKeys.detail(id), queryFn: () => api.get<SamlApp>(`/api/admin/apps/saml/${encodeURIComponent(id)}`), retry: false }),
  /** The organization's IdP: what the service provider's administrator configures on their side. */
  idp: () => queryOptions({ queryKey: samlAppKeys.idp(), queryFn: () => api.get<SamlIdpInfo>('/api/admin/apps/saml/idp'), staleTime: 5 * 60_000 }),
};

export const samlAppsApi = {
  create: (input: CreateSamlAppInput) => api.post<SamlApp>('/api/admin/apps/saml', input),
  /** The metadata is sent as text: a file is read in the browser first. */
  importMetadata: (input: ImportSamlAppInput) => api.post<SamlApp>('/api/admin/apps/saml/import', input),
  update: (id: string, input: UpdateSamlAppInput) => api.post<SamlApp>(`/api/admin/apps/saml/${encodeURIComponent(id)}`, input),
};
