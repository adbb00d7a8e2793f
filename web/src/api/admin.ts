import { queryOptions } from '@tanstack/react-query';
import type { AdminUser } from '../../../contract/admin-users.ts';
import type { AdminApp, Group, GroupMember } from '../../../contract/apps.ts';
import type { ApiKey } from '../../../contract/admin-lists.ts';
import type { OrgPolicies, OrgPoliciesPatch } from '../../../contract/org-policies.ts';
import type { Invitation, SentInvitation } from '../../../contract/invitations.ts';
import type { AuditEventView } from '../../../contract/audit.ts';
import { api } from './client.ts';
import { listUrl, pagedQuery } from './paged-query.ts';

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string, status?: string, groupId?: string) => [...adminKeys.all, 'users', q, status ?? '', groupId ?? ''] as const,
  groups: () => [...adminKeys.all, 'groups'] as const,
  apps: () => [...adminKeys.all, 'apps'] as const,
  policies: () => [...adminKeys.all, 'policies'] as const,
  audit: (filters: AuditFilterValues) => [...adminKeys.all, 'audit', filters] as const,
  userPages: (filters: UserFilterValues) => [...adminKeys.all, 'users', 'pages', filters] as const,
  groupPages: () => [...adminKeys.all, 'groups', 'pages'] as const,
  groupMemberPages: (id: string) => [...adminKeys.all, 'groups', id, 'members', 'pages'] as const,
  apiKeys: () => [...adminKeys.all, 'api-keys'] as const,
};

export type { AdminApp, ApiKey, Group, GroupMember };
export type AuditEvent = AuditEventView;
/** The audit filters as the page holds them (time bounds as ISO strings). */
export type AuditFilterValues = { event?: string; outcome?: string; actor?: string; target?: string; from?: string; to?: string };
export type UserFilterValues = { q?: string; status?: string; groupId?: string };
export type Policies = OrgPolicies;

export const adminQueries = {
  users: (q: string, status?: string, groupId?: string) =>
    queryOptions({
      queryKey: adminKeys.users(q, status, groupId),
      queryFn: () => api.get<{ items: AdminUser[]; nextCursor: string | null }>(`/api/admin/users?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}${status ? `&status=${status}` : ''}${groupId ? `&groupId=${groupId}` : ''}`),
    }),
  /** People named in this organization's audit log as who acted or whom it concerned, former members too. */
  auditPeople: (as: 'actor' | 'target', q: string) =>
    queryOptions({
      queryKey: [...adminKeys.all, 'audit-people', as, q] as const,
      queryFn: () => api.get<{ items: { id: string; email: string }[] }>(`/api/admin/audit/people?as=${as}${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    }),
  /** For pickers: the first 200 groups by name (the Groups page pages through all of them). */
  groups: () => queryOptions({ queryKey: adminKeys.groups(), queryFn: () => api.get<{ items: Group[] }>('/api/admin/groups?limit=200') }),
  groupPages: () => pagedQuery<Group>(adminKeys.groupPages(), '/api/admin/groups', { limit: 20 }),
  groupMemberPages: (id: string) => pagedQuery<GroupMember>(adminKeys.groupMemberPages(id), `/api/admin/groups/${id}/members`, { limit: 50 }),
  userPages: (filters: UserFilterValues) => pagedQuery<AdminUser>(adminKeys.userPages(filters), '/api/admin/users', { ...filters, limit: 50 }),
  apps: () => queryOptions({ queryKey: adminKeys.apps(), queryFn: () => api.get<{ items: AdminApp[] }>('/api/admin/apps?limit=200') }),
  policies: () => queryOptions({ queryKey: adminKeys.policies(), queryFn: () => api.get<Policies>('/api/admin/policies') }),
  audit: (filters: AuditFilterValues) => pagedQuery<AuditEvent>(adminKeys.audit(filters), '/api/admin/audit', { ...filters, limit: 50 }),
  apiKeys: () => pagedQuery<ApiKey>(adminKeys.apiKeys(), '/api/admin/api-keys', { limit: 50 }),
};

export const adminApi = {
  invite: (body: { email: string; firstName?: string; lastName?: string; role: 'member' | 'admin' }) => api.post<SentInvitation>('/api/admin/invitations', body),
  resend: (id: string) => api.post<Invitation>(`/api/admin/invitations/${id}/resend`),
  revoke: (id: string) => api.delete<void>(`/api/admin/invitations/${id}`),
  createGroup: (name: string) => api.post<Group>('/api/admin/groups', { name }),
  renameGroup: (id: string, name: string) => api.post<void>(`/api/admin/groups/${id}`, { name }),
  deleteGroup: (id: string) => api.delete<void>(`/api/admin/groups/${id}`),
  addGroupMember: (groupId: string, userId: string) => api.post<void>(`/api/admin/groups/${groupId}/members`, { userId }),
  removeGroupMember: (groupId: string, userId: string) => api.delete<void>(`/api/admin/groups/${groupId}/members/${userId}`),
  createApp: (body: { name: string; url: string; description: string; details: string; icon?: string }) => api.post<AdminApp>('/api/admin/apps', body),
  assignApp: (appId: string, target: { groupId: string } | { userId: string }) => api.post<void>(`/api/admin/apps/${appId}/assignments`, target),
  savePolicies: (changes: OrgPoliciesPatch) => api.post<Policies>('/api/admin/policies', changes),
  createApiKey: (name: string) => api.post<ApiKey & { key: string }>('/api/admin/api-keys', { name }),
  revokeApiKey: (id: string) => api.delete<void>(`/api/admin/api-keys/${id}`),
  userAction: (id: string, action: 'suspend' | 'reactivate' | 'unlock' | 'require-password-change' | 'sign-out') => api.post<void>(`/api/admin/users/${id}/${action}`),
};

/** The CSV export of the audit log with the filters on screen (every matching row). */
export const auditCsvUrl = (filters: AuditFilterValues) => listUrl('/api/admin/audit.csv', filters);
