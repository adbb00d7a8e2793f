import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { invitationInfoSchema } from '../../../contract/invitations.ts';
import type { Language } from '../../../contract/language.ts';
import { api } from './client.ts';

export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export const invitationKeys = {
  all: ['invitation'] as const,
  check: (token: string) => [...invitationKeys.all, 'check', token] as const,
};

export const invitationQueries = {
  /** Who was invited where, and the organization's password policy; 400 token.invalid when the link is dead. */
  check: (token: string) =>
    queryOptions({
      queryKey: invitationKeys.check(token),
      queryFn: () => api.post<InvitationInfo>('/api/auth/invitations/check', { token }),
      retry: false,
      staleTime: Infinity,
    }),
};

export const invitationApi = {
  /** With a password: creates the account and signs it in. Without: joins with the invitee's session. */
  accept: (token: string, password?: string, language?: Language) => api.post<{ redirectTo: string }>('/api/auth/invitations/accept', { token, password, language }),
};
