import { queryOptions } from '@tanstack/react-query';
import type { LogoutResult, SessionInfo } from '../../../contract/session.ts';
import type { Portal } from '../../../contract/sign-in.ts';
import { api, ApiError } from './client.ts';

export const sessionKeys = { all: ['session'] as const };

/** The signed-in person, or null when nobody is (a 401 is an answer here, not an error). */
export const sessionQuery = queryOptions({
  queryKey: sessionKeys.all,
  queryFn: async (): Promise<SessionInfo | null> => {
    try {
      return await api.get<SessionInfo>('/api/session');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 30_000,
});

export const sessionApi = {
  logout: (portal: Portal) => api.post<LogoutResult>('/api/auth/logout', { portal }),
  switchOrganization: (slug: string) => api.post<void>('/api/session/organization', { slug }),
};
