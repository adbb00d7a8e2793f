import { queryOptions } from '@tanstack/react-query';
import type { PublicBranding } from '../../../contract/branding.ts';
import { api } from './client.ts';

/** The look of an organization (the named one, or the only one): for the login page and the portal header. */
export const brandingQuery = (org?: string) =>
  queryOptions({ queryKey: ['branding', org ?? ''], queryFn: () => api.get<PublicBranding>(`/api/branding${org ? `?org=${encodeURIComponent(org)}` : ''}`), staleTime: 5 * 60_000 });
