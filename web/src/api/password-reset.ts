import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { passwordResetInfoSchema } from '../../../contract/recovery.ts';
import { api } from './client.ts';

export type PasswordResetInfo = z.infer<typeof passwordResetInfoSchema>;

export const passwordResetKeys = {
  all: ['password-reset'] as const,
  check: (token: string) => [...passwordResetKeys.all, 'check', token] as const,
};

export const passwordResetQueries = {
  /** The account's e-mail and policy for a reset link; 400 token.invalid when the link is dead. */
  check: (token: string) =>
    queryOptions({
      queryKey: passwordResetKeys.check(token),
      queryFn: () => api.post<PasswordResetInfo>('/api/auth/password-reset/check', { token }),
      retry: false,
      staleTime: Infinity,
    }),
};

export const passwordResetApi = {
  /** Always 202: the answer never tells whether the address has an account. */
  request: (email: string) => api.post<void>('/api/auth/password-reset', { email }),
  complete: (token: string, password: string) => api.post<void>('/api/auth/password-reset/complete', { token, password }),
};
