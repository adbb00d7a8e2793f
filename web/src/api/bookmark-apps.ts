import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AppAssignment, BookmarkApp, updateBookmarkAppInput } from '../../../contract/apps.ts';
import { api } from './client.ts';
import { adminKeys } from './admin.ts';

export type UpdateBookmarkAppInput = z.input<typeof updateBookmarkAppInput>;

/** Under adminKeys.apps(), so a change here refreshes the application list too. */
export const appDetailKeys = {
  bookmark: (id: string) => [...adminKeys.apps(), 'bookmark', id] as const,
  assignments: (id: string) => [...adminKeys.apps(), 'assignments', id] as const,
};

const path = (id: string) => encodeURIComponent(id);

export const appDetailQueries = {
  bookmark: (id: string) => queryOptions({ queryKey: appDetailKeys.bookmark(id), queryFn: () => api.get<BookmarkApp>(`/api/admin/apps/bookmark/${path(id)}`), retry: false }),
  assignments: (id: string) => queryOptions({ queryKey: appDetailKeys.assignments(id), queryFn: () => api.get<{ items: AppAssignment[] }>(`/api/admin/apps/${path(id)}/assignments`), retry: false }),
};

export const appDetailApi = {
  updateBookmark: (id: string, input: UpdateBookmarkAppInput) => api.post<BookmarkApp>(`/api/admin/apps/bookmark/${path(id)}`, input),
  /** Any type of application: a data: URL of the image, or null to remove it. */
  setIcon: (id: string, icon: string | null) => api.post<{ icon: string | null }>(`/api/admin/apps/${path(id)}/icon`, { icon }),
  /** Any type of application; its assignments (and an OIDC client's tokens) go with it. */
  remove: (id: string) => api.delete<void>(`/api/admin/apps/${path(id)}`),
  unassign: (id: string, a: Pick<AppAssignment, 'kind' | 'id'>) => api.delete<void>(`/api/admin/apps/${path(id)}/assignments/${a.kind === 'user' ? 'users' : 'groups'}/${path(a.id)}`),
};
