import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';

export const recoveryEmailKeys = {
  all: ['recovery-email'] as const,
  confirm: (token: string) => [...recoveryEmailKeys.all, 'confirm', token] as const,
};

export const recoveryEmailQueries = {
  /** Following the mailed link confirms the address: run once per token, never again on refocus. */
  confirm: (token: string) =>
    queryOptions({
      queryKey: recoveryEmailKeys.confirm(token),
      queryFn: () => api.post<{ email: string }>('/api/auth/recovery-email/confirm', { token }),
      retry: false,
      staleTime: Infinity,
    }),
};
