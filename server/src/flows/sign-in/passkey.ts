import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { portalSchema } from '../../../../contract/sign-in.ts';
import { webauthnResponseField } from '../../../../contract/mfa.ts';
import { createFlow } from '../../domain/flows/flow-store.ts';
import { findFactorByCredentialId, recordWebauthnUse } from '../../domain/mfa/factor-store.ts';
import { findUserById } from '../../domain/users/user-store.ts';
import { getLockState, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { verifyWebauthnAssertion, webauthnAuthenticationOptions } from '../mfa/webauthn.ts';
import type { FlowDeps } from '../deps.ts';
import { admit } from './admit.ts';
import { advance, consumeChallenge, KIND, requireFlow, type SignInAnswer } from './index.ts';
import { signInStateSchema } from './state.ts';

export const startPasskeyInput = z.object({ portal: portalSchema.default('user'), returnTo: z.string().max(2048).optional() });
export const finishPasskeyInput = z.object({ response: webauthnResponseField });

/** "Sign in with a passkey": a flow that starts with a WebAuthn challenge instead of an e-mail. */
export async function startPasskeySignIn(input: unknown, deps: FlowDeps) {
  const { portal, returnTo } = startPasskeyInput.parse(input);
  const { options, challenge } = await webauthnAuthenticationOptions(deps.publicUrl);
  const state = signInStateSchema.parse({ portal, identifier: '', email: '', returnTo, passwordless: true, challenge });
  const { token } = await createFlow(deps.db, KIND, state, 15);
  return { options, flowToken: token };
}

/**
 * A discoverable credential with user verification names and proves the person at once
 * (possession + biometrics or PIN): the password and the second factor are both satisfied.
 */
export async function finishPasskeySignIn(flowToken: string | undefined, input: unknown, deps: FlowDeps): Promise<SignInAnswer> {
  const { response } = finishPasskeyInput.parse(input);
  const flow = await requireFlow(flowToken, deps);
  if (!flow.state.passwordless || flow.state.userId) throw new AppError('sign_in.wrong_step', 'Start the passkey sign-in again.');
  const factor = await findFactorByCredentialId(deps.db, response.id);
  const refuse = async (reason: string) => {
    await consumeChallenge(flow, deps);
    await recordAudit(deps.db, deps.ctx, { event: 'sign_in.passkey', outcome: 'failure', targetUserId: factor?.userId, details: { reason } });
    return new AppError('mfa.webauthn_failed', 'This passkey could not be verified. Try again or sign in with your e-mail.');
  };
  if (!factor) throw await refuse('unknown_credential');
  const count = await verifyWebauthnAssertion(deps.publicUrl, response, flow.state.challenge, factor, true).catch(() => null);
  if (count === null || !(await recordWebauthnUse(deps.db, factor, count))) throw await refuse('assertion');
  const user = await findUserById(deps.db, factor.userId);
  if (!user || user.status !== 'active') throw await refuse('inactive');
  // Every door shares the lock: a locked account (for minutes, or until an admin unlocks it) is locked for passkeys too.
  if ((await getLockState(deps.db, lockoutKey(user.emailCanonical))).locked) {
    await recordAudit(deps.db, deps.ctx, { event: 'sign_in.passkey', outcome: 'failure', targetUserId: user.id, details: { reason: 'locked' } });
    throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');
  }
  const now = new Date().toISOString();
  const state = await admit(
    { ...flow.state, challenge: undefined, identifier: user.emailCanonical, email: user.email, amr: ['hwk', 'user', 'mfa'], mfaAt: now },
    user,
    deps,
  );
  return advance(flow, state, deps);
}
