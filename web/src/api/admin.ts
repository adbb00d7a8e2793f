import { queryOptions } from '@tanstack/react-query';
import type { AdminUser } from '../../../contract/admin-users.ts';
import type { Invitation } from '../../../contract/invitations.ts';
import { api } from './client.ts';

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string) => [...adminKeys.all, 'users', q] as const,
  invitations: () => [...adminKeys.all, 'invitations'] as const,
};

export const adminQueries = {
  users: (q: string) => queryOptions({ queryKey: adminKeys.users(q), queryFn: () => api.get<{ items: AdminUser[]; nextCursor: string | null }>(`/api/admin/users?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`) }),
  invitations: () => queryOptions({ queryKey: adminKeys.invitations(), queryFn: () => api.get<{ items: Invitation[] }>('/api/admin/invitations') }),
};

export const adminApi = {
  invite: (body: { email: string; firstName?: string; lastName?: string; role: 'member' | 'admin' }) => api.post<Invitation>('/api/admin/invitations', body),
  resend: (id: string) => api.post<Invitation>(`/api/admin/invitations/${id}/resend`),
  revoke: (id: string) => api.delete<void>(`/api/admin/invitations/${id}`),
  userAction: (id: string, action: 'suspend' | 'reactivate' | 'unlock' | 'require-password-change' | 'sign-out') => api.post<void>(`/api/admin/users/${id}/${action}`),
};
