import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { consentQuestionSchema, interactionOutcomeSchema } from '../../../contract/oidc-apps.ts';
import type { stepUpOptionsSchema } from '../../../contract/mfa.ts';
import { api } from './client.ts';

export type StepUpOptions = z.infer<typeof stepUpOptionsSchema>;
/** As POST /api/me/step-up takes it (stepUpInput); the WebAuthn response is checked by the server's library. */
export type StepUpAnswer = { method: 'totp' | 'recovery_code'; code: string } | { method: 'webauthn'; response: unknown };
export type ConsentQuestion = z.infer<typeof consentQuestionSchema>;
export type InteractionOutcome = z.infer<typeof interactionOutcomeSchema>;

export const ssoKeys = {
  all: ['sso'] as const,
  stepUp: () => [...ssoKeys.all, 'step-up'] as const,
  consent: (uid: string) => [...ssoKeys.all, 'consent', uid] as const,
  outcome: (uid: string) => [...ssoKeys.all, 'outcome', uid] as const,
};

export const ssoQueries = {
  /** The factors the person can present to an application that asks for a recent one. */
  stepUp: () => queryOptions({ queryKey: ssoKeys.stepUp(), queryFn: () => api.get<StepUpOptions>('/api/me/step-up'), retry: false, staleTime: 0 }),
  /** Which application asks, and for what: the consent question of one OIDC interaction. */
  consent: (uid: string) =>
    queryOptions({ queryKey: ssoKeys.consent(uid), queryFn: () => api.get<ConsentQuestion>(`/api/oidc/interaction/${encodeURIComponent(uid)}/consent`), retry: false, staleTime: 0, gcTime: 0 }),
  /** What became of a sign-in request whose page was opened again after it ended. */
  outcome: (uid: string) =>
    queryOptions({ queryKey: ssoKeys.outcome(uid), queryFn: () => api.get<InteractionOutcome>(`/api/oidc/interaction/${encodeURIComponent(uid)}/outcome`), retry: false, staleTime: 0, gcTime: 0 }),
};

export const ssoApi = {
  stepUpWebauthnOptions: () => api.post<{ options: Record<string, unknown>; handle: string }>('/api/me/step-up/webauthn-options'),
  /** 204 with a new session cookie that records the factor. */
  stepUp: (answer: StepUpAnswer, handle?: string) => api.post<void>('/api/me/step-up', { answer, ...(handle ? { handle } : {}) }),
  answerConsent: (uid: string, approve: boolean) => api.post<{ redirectTo: string }>(`/api/oidc/interaction/${encodeURIComponent(uid)}/consent`, { approve }),
  abortInteraction: (uid: string, reason: 'no_access' | 'step_up_cancelled' = 'no_access') => api.post<{ redirectTo: string }>(`/api/oidc/interaction/${encodeURIComponent(uid)}/abort`, { reason }),
};
