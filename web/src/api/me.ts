import { queryOptions } from '@tanstack/react-query';
import type { Dashboard, PortalApp } from '../../../contract/apps.ts';
import type { Profile, ProfileSection } from '../../../contract/profile.ts';
import type { SshKey } from '../../../contract/ssh-keys.ts';
import type { MySession } from '../../../contract/account.ts';
import type { FactorInfo, TotpEnrollment } from '../../../contract/mfa.ts';
import type { MyConsent } from '../../../contract/consents.ts';
import type { PasswordPolicy } from '../../../contract/password-policy.ts';
import type { Language } from '../../../contract/language.ts';
import { api } from './client.ts';

/** Key factories: a mutation invalidates by prefix, e.g. meKeys.all after any change. */
export const meKeys = {
  all: ['me'] as const,
  dashboard: () => [...meKeys.all, 'dashboard'] as const,
  apps: (q: string) => [...meKeys.all, 'apps', q] as const,
  profile: () => [...meKeys.all, 'profile'] as const,
  password: () => [...meKeys.all, 'password'] as const,
  sessions: () => [...meKeys.all, 'sessions'] as const,
  sshKeys: () => [...meKeys.all, 'ssh-keys'] as const,
  mfa: () => [...meKeys.all, 'mfa'] as const,
  consents: () => [...meKeys.all, 'consents'] as const,
};

export type MyMfa = { factors: FactorInfo[]; recoveryCodesLeft: number; policy: { mode: 'off' | 'optional' | 'required'; passwordless: boolean; methods: ('totp' | 'webauthn')[] } };
export type PasswordStatus = { changedAt: string | null; expiresAt: string | null; policy: PasswordPolicy };

export const meQueries = {
  dashboard: () => queryOptions({ queryKey: meKeys.dashboard(), queryFn: () => api.get<Dashboard>('/api/me/dashboard') }),
  apps: (q: string) => queryOptions({ queryKey: meKeys.apps(q), queryFn: () => api.get<{ items: PortalApp[] }>(`/api/me/apps${q ? `?q=${encodeURIComponent(q)}` : ''}`) }),
  profile: () => queryOptions({ queryKey: meKeys.profile(), queryFn: () => api.get<Profile>('/api/me/profile') }),
  password: () => queryOptions({ queryKey: meKeys.password(), queryFn: () => api.get<PasswordStatus>('/api/me/password') }),
  sessions: () => queryOptions({ queryKey: meKeys.sessions(), queryFn: () => api.get<{ items: MySession[] }>('/api/me/sessions') }),
  sshKeys: () => queryOptions({ queryKey: meKeys.sshKeys(), queryFn: () => api.get<{ items: SshKey[] }>('/api/me/ssh-keys') }),
  mfa: () => queryOptions({ queryKey: meKeys.mfa(), queryFn: () => api.get<MyMfa>('/api/me/mfa') }),
  consents: () => queryOptions({ queryKey: meKeys.consents(), queryFn: () => api.get<{ items: MyConsent[] }>('/api/me/consents') }),
};

export const meApi = {
  launch: (id: string) => api.post<{ url: string }>(`/api/me/apps/${id}/launch`),
  saveProfile: (section: ProfileSection, values: unknown) => api.post<Profile>(`/api/me/profile/${section}`, values),
  setRecoveryEmail: (email: string) => api.post<void>('/api/me/recovery-email', { email }),
  removeRecoveryEmail: () => api.delete<void>('/api/me/recovery-email'),
  changePassword: (body: { currentPassword: string; newPassword: string; keepThisSession: boolean }) => api.post<{ signedOut: boolean }>('/api/me/password', body),
  endSession: (id: string) => api.delete<void>(`/api/me/sessions/${id}`),
  setLanguage: (language: Language) => api.post<void>('/api/me/language', { language }),
  endOtherSessions: () => api.post<{ ended: number }>('/api/me/sessions/sign-out-others'),
  addSshKey: (name: string, publicKey: string) => api.post<SshKey>('/api/me/ssh-keys', { name, publicKey }),
  removeSshKey: (id: string) => api.delete<void>(`/api/me/ssh-keys/${id}`),
  startTotp: () => api.post<TotpEnrollment>('/api/me/mfa/totp'),
  confirmTotp: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/me/mfa/totp/confirm', { code }),
  webauthnOptions: () => api.post<{ options: Record<string, unknown>; challengeId: string }>('/api/me/mfa/webauthn/options'),
  registerWebauthn: (challengeId: string, name: string, response: unknown) => api.post<{ recoveryCodes: string[] }>('/api/me/mfa/webauthn', { challengeId, name, response }),
  renameFactor: (id: string, name: string) => api.post<void>(`/api/me/mfa/factors/${id}/name`, { name }),
  removeFactor: (id: string) => api.delete<void>(`/api/me/mfa/factors/${id}`),
  regenerateCodes: () => api.post<{ recoveryCodes: string[] }>('/api/me/mfa/recovery-codes'),
  withdrawConsent: (appId: string) => api.delete<void>(`/api/me/consents/${appId}`),
};
