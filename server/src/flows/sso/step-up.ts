import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { stepUpInput } from '../../../../contract/mfa.ts';
import { createFlow, deleteFlow, loadFlow } from '../../domain/flows/flow-store.ts';
import { raiseSessionMfa, type Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { presentSecondFactor, secondFactorMethods } from '../mfa/present-second-factor.ts';
import { webauthnAuthenticationOptions } from '../mfa/webauthn.ts';
import { factorsOf } from '../request-memo.ts';
import type { FlowDeps } from '../deps.ts';

type Me = { user: User; session: Session };
const KIND = 'step-up';
const challengeState = z.object({ userId: z.string(), challenge: z.object({ value: z.string(), expiresAt: z.number() }) });

/** What the person can present; no factor at all means they must set one up in Security first. */
export async function stepUpOptions({ user }: Me, deps: FlowDeps) {
  const factors = await factorsOf(deps, user.id);
  if (factors.length === 0) return { methods: [], lastUsed: null };
  return secondFactorMethods(factors, user.mfaLastMethod);
}

/** A WebAuthn challenge for this person, kept server-side behind a random handle for five minutes. */
export async function stepUpWebauthnOptions({ user }: Me, deps: FlowDeps) {
  const factors = (await factorsOf(deps, user.id)).filter((f) => f.type === 'webauthn');
  if (factors.length === 0) throw new AppError('mfa.factor_not_found', 'You have no security key or built-in sensor.');
  const { options, challenge } = await webauthnAuthenticationOptions(deps.publicUrl, factors);
  const { token } = await createFlow(deps.db, KIND, { userId: user.id, challenge }, 5);
  return { options, handle: token };
}

/**
 * One factor for the signed-in person: on success the session records the MFA (and when), under
 * a new session id. Failures count toward the lockout like any other door.
 */
export async function stepUp({ user, session }: Me, input: unknown, deps: FlowDeps): Promise<{ token: string; maxAgeSeconds: number }> {
  const { answer, handle } = stepUpInput.parse(input);
  let challenge;
  if (answer.method === 'webauthn') {
    const flow = handle ? await loadFlow<unknown>(deps.db, KIND, handle) : 'missing';
    const state = typeof flow === 'object' ? challengeState.safeParse(flow.state) : undefined;
    // Single-use: the challenge is gone whatever the outcome.
    if (typeof flow === 'object') await deleteFlow(deps.db, flow.id);
    if (!state?.success || state.data.userId !== user.id) throw new AppError('mfa.challenge_missing', 'Start again: touch your security key when asked.');
    challenge = state.data.challenge;
  }
  const presented = await presentSecondFactor(deps, { userId: user.id, identifier: user.emailCanonical, orgId: session.orgId, answer, challenge, event: 'session.step_up' });
  const raised = await raiseSessionMfa(deps.db, session.id, presented.amr, presented.at);
  if (!raised) throw new AppError('auth.required', 'Sign in to continue.');
  return { token: raised.token, maxAgeSeconds: Math.max(60, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)) };
}
