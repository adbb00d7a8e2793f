import { queryOptions } from '@tanstack/react-query';
import type { AdminUser } from '../../../contract/admin-users.ts';
import type { Invitation } from '../../../contract/invitations.ts';
import { api } from './client.ts';

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string, status?: string, groupId?: string) => [...adminKeys.all, 'users', q, status ?? '', groupId ?? ''] as const,
  invitations: () => [...adminKeys.all, 'invitations'] as const,
  groups: () => [...adminKeys.all, 'groups'] as const,
  groupMembers: (id: string) => [...adminKeys.all, 'groups', id, 'members'] as const,
  apps: () => [...adminKeys.all, 'apps'] as const,
  policies: () => [...adminKeys.all, 'policies'] as const,
  audit: (filters: string) => [...adminKeys.all, 'audit', filters] as const,
  apiKeys: () => [...adminKeys.all, 'api-keys'] as const,
};

export type Group = { id: string; name: string };
export type AdminApp = { id: string; name: string; type: string; url: string | null; description: string; icon: string | null };
export type AuditEvent = { id: string; at: string; event: string; outcome: 'success' | 'failure'; actorUserId: string | null; targetUserId: string | null; ip: string; details: Record<string, unknown> };
export type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revoked: boolean };
export type Policies = {
  password: { minLength: number; requireLower: boolean; requireUpper: boolean; requireDigit: boolean; requireSymbol: boolean; historyCount: number; maxAgeDays: number; reminderDays: number[] };
  lockout: { maxFailures: number; durationMinutes: number };
  session: { idleMinutes: number; absoluteHours: number; rememberMeDays: number };
  mfa: { mode: 'off' | 'optional' | 'required'; graceSignIns: number; passwordless: boolean; reverifyHours: number; methods: ('totp' | 'webauthn')[] };
  profile: { details: boolean; personal: boolean; employment: boolean };
  audit: { retentionDays: number };
};

export const adminQueries = {
  users: (q: string, status?: string, groupId?: string) =>
    queryOptions({
      queryKey: adminKeys.users(q, status, groupId),
      queryFn: () => api.get<{ items: AdminUser[]; nextCursor: string | null }>(`/api/admin/users?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}${status ? `&status=${status}` : ''}${groupId ? `&groupId=${groupId}` : ''}`),
    }),
  invitations: () => queryOptions({ queryKey: adminKeys.invitations(), queryFn: () => api.get<{ items: Invitation[] }>('/api/admin/invitations') }),
  groups: () => queryOptions({ queryKey: adminKeys.groups(), queryFn: () => api.get<{ items: Group[] }>('/api/admin/groups') }),
  groupMembers: (id: string) => queryOptions({ queryKey: adminKeys.groupMembers(id), queryFn: () => api.get<{ items: { id: string; email: string }[] }>(`/api/admin/groups/${id}/members`) }),
  apps: () => queryOptions({ queryKey: adminKeys.apps(), queryFn: () => api.get<{ items: AdminApp[] }>('/api/admin/apps') }),
  policies: () => queryOptions({ queryKey: adminKeys.policies(), queryFn: () => api.get<Policies>('/api/admin/policies') }),
  audit: (filters: string) => queryOptions({ queryKey: adminKeys.audit(filters), queryFn: () => api.get<{ items: AuditEvent[]; next: string | null }>(`/api/admin/audit?limit=100${filters}`) }),
  apiKeys: () => queryOptions({ queryKey: adminKeys.apiKeys(), queryFn: () => api.get<{ items: ApiKey[] }>('/api/admin/api-keys') }),
};

export const adminApi = {
  invite: (body: { email: string; firstName?: string; lastName?: string; role: 'member' | 'admin' }) => api.post<Invitation>('/api/admin/invitations', body),
  resend: (id: string) => api.post<Invitation>(`/api/admin/invitations/${id}/resend`),
  revoke: (id: string) => api.delete<void>(`/api/admin/invitations/${id}`),
  createGroup: (name: string) => api.post<Group>('/api/admin/groups', { name }),
  addGroupMember: (groupId: string, userId: string) => api.post<void>(`/api/admin/groups/${groupId}/members`, { userId }),
  createApp: (body: { name: string; url: string; description: string; details: string; icon?: string }) => api.post<AdminApp>('/api/admin/apps', body),
  assignApp: (appId: string, target: { groupId: string } | { userId: string }) => api.post<void>(`/api/admin/apps/${appId}/assignments`, target),
  savePolicies: (policies: Partial<Policies>) => api.post<Policies>('/api/admin/policies', policies),
  createApiKey: (name: string) => api.post<ApiKey & { key: string }>('/api/admin/api-keys', { name }),
  revokeApiKey: (id: string) => api.delete<void>(`/api/admin/api-keys/${id}`),
  userAction: (id: string, action: 'suspend' | 'reactivate' | 'unlock' | 'require-password-change' | 'sign-out') => api.post<void>(`/api/admin/users/${id}/${action}`),
};
