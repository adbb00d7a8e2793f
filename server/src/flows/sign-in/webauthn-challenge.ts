import { AppError } from '../../errors.ts';
import { listConfirmedFactors } from '../../domain/mfa/factor-store.ts';
import { findUserById } from '../../domain/users/user-store.ts';
import { nextStep } from '../engine/run-flow.ts';
import { webauthnAuthenticationOptions, webauthnRegistrationOptions } from '../mfa/webauthn.ts';
import type { FlowDeps } from '../deps.ts';
import { requireFlow, saveSignInState, signInSteps } from './index.ts';

/**
 * WebAuthn options for the step the flow is at: an assertion with the user's own keys on "Verify
 * Your Identity", a registration on the required set-up. The challenge is kept in the flow state,
 * bound to this flow, replaced by the next request and cleared once used.
 */
export async function signInWebauthnOptions(flowToken: string | undefined, deps: FlowDeps) {
  const flow = await requireFlow(flowToken, deps);
  const next = await nextStep(signInSteps, flow.state, deps);
  const userId = flow.state.userId;
  if (next.done || !userId || (next.name !== 'verify' && next.name !== 'mfa-setup')) {
    throw new AppError('sign_in.wrong_step', 'A security key is not asked for at this step.');
  }
  const factors = await listConfirmedFactors(deps.db, userId);
  const { options, challenge } =
    next.name === 'verify'
      ? await webauthnAuthenticationOptions(deps.publicUrl, factors.filter((f) => f.type === 'webauthn'))
      : await webauthnRegistrationOptions(deps.publicUrl, (await findUserById(deps.db, userId))!, factors);
  await saveSignInState(flow, { ...flow.state, challenge }, deps);
  return options;
}
