import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AdminUser, adminUserPageSchema, createUserInput } from '../../../contract/admin-users.ts';
import { api } from './client.ts';
import { adminKeys } from './admin.ts';

export type CreateUserInput = z.input<typeof createUserInput>;
type Role = AdminUser['role'];
type UserPage = z.infer<typeof adminUserPageSchema>;

/** Under adminKeys.all, so every change in the console (which invalidates that prefix) refreshes them. */
export const memberKeys = {
  byRole: (role: Role, q: string) => [...adminKeys.all, 'members-by-role', role, q] as const,
};

const byRole = (role: Role, q: string, limit: number) =>
  api.get<UserPage>(`/api/admin/users?role=${role}&limit=${limit}${q ? `&q=${encodeURIComponent(q)}` : ''}`);

export const memberQueries = {
  /** The organization's administrators (an organization has a handful; 200 is far beyond that). */
  administrators: () => queryOptions({ queryKey: memberKeys.byRole('admin', ''), queryFn: () => byRole('admin', '', 200) }),
  /** Members who are not administrators, matching what the administrator typed. */
  candidates: (q: string) => queryOptions({ queryKey: memberKeys.byRole('member', q), queryFn: () => byRole('member', q, 20) }),
};

/**
 * What creating a user did: the account was created (201), or the address already had one and
 * its owner was invited instead (202 Accepted, with the invitation's id).
 */
export type CreateUserOutcome = { kind: 'created'; userId: string } | { kind: 'invited' };

export const membersApi = {
  async create(input: CreateUserInput): Promise<CreateUserOutcome> {
    const created = await api.post<{ userId: string } | { invitationId: string }>('/api/admin/users', input);
    return 'userId' in created ? { kind: 'created', userId: created.userId } : { kind: 'invited' };
  },
  /** Grants or revokes the administrator role; the server keeps at least one (409 admin.last_admin). */
  setRole: (userId: string, role: Role) => api.post<void>(`/api/admin/users/${encodeURIComponent(userId)}`, { role }),
};
