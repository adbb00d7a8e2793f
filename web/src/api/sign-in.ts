import { queryOptions } from '@tanstack/react-query';
import type { Portal, SignInStep } from '../../../contract/sign-in.ts';
import { api } from './client.ts';

export type { Portal };

export const signInKeys = {
  all: ['sign-in'] as const,
  current: () => [...signInKeys.all, 'current'] as const,
};

export const signInQueries = {
  /** The step of the flow in progress (after a reload); 409 sign_in.no_flow when there is none. */
  current: () => queryOptions({ queryKey: signInKeys.current(), queryFn: () => api.get<SignInStep>('/api/auth/sign-in'), retry: false, staleTime: 0, gcTime: 0 }),
};

/** The sign-in flow: every call returns the step the server says comes next. */
export const signInApi = {
  start: (email: string, portal: Portal, returnTo?: string) => api.post<SignInStep>('/api/auth/sign-in', { email, portal, returnTo }),
  cancel: () => api.delete<void>('/api/auth/sign-in'),
  password: (password: string) => api.post<SignInStep>('/api/auth/sign-in/password', { password }),
  organization: (slug: string) => api.post<SignInStep>('/api/auth/sign-in/organization', { slug }),
  verify: (answer: { method: 'totp' | 'recovery_code'; code: string } | { method: 'webauthn'; response: unknown }) => api.post<SignInStep>('/api/auth/sign-in/verify', answer),
  webauthnOptions: () => api.post<Record<string, unknown>>('/api/auth/sign-in/webauthn-options'),
  mfaSetup: (answer: { action: 'start_totp' } | { action: 'confirm_totp'; code: string } | { action: 'register_webauthn'; response: unknown; name: string }) =>
    api.post<SignInStep>('/api/auth/sign-in/mfa-setup', answer),
  recoveryCodesSaved: () => api.post<SignInStep>('/api/auth/sign-in/recovery-codes', { saved: true }),
  newPassword: (password: string) => api.post<SignInStep>('/api/auth/sign-in/new-password', { password }),
  passkeyOptions: (portal: Portal, returnTo?: string) => api.post<Record<string, unknown>>('/api/auth/passkey/options', { portal, returnTo }),
  passkey: (response: unknown) => api.post<SignInStep>('/api/auth/passkey', { response }),
};
