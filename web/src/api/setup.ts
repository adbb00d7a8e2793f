import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { completeSetupInput } from '../../../contract/setup.ts';
import { api } from './client.ts';

export type CompleteSetupInput = z.input<typeof completeSetupInput>;

export const setupKeys = {
  all: ['setup'] as const,
  check: (token: string) => [...setupKeys.all, 'check', token] as const,
};

export const setupQueries = {
  /** 204 while the one-time link is good; 400 token.invalid or 409 setup.already_done otherwise. */
  check: (token: string) =>
    queryOptions({
      queryKey: setupKeys.check(token),
      queryFn: async () => {
        await api.post<void>('/api/setup/check', { token });
        return true;
      },
      retry: false,
      staleTime: Infinity,
    }),
};

export const setupApi = {
  /** Creates the first organization and its administrator, and signs them in. */
  complete: (input: CompleteSetupInput) => api.post<{ redirectTo: string }>('/api/setup', input),
};
