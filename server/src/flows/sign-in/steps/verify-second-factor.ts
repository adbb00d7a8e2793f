import { verifyStepInput } from '../../../../../contract/mfa.ts';
import type { SignInStep } from '../../../../../contract/sign-in.ts';
import { factorsOf, userOf } from '../../request-memo.ts';
import { presentSecondFactor, secondFactorMethods } from '../../mfa/present-second-factor.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';

/** "Verify Your Identity": anyone with a factor presents one after the password, whatever the policy. */
export const verifySecondFactor: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'verify',
  async check(s, deps) {
    if (s.mfaAt || !s.userId) return { kind: 'continue' };
    const factors = await factorsOf(deps, s.userId);
    if (factors.length === 0) return { kind: 'continue' };
    const user = await userOf(deps, s.userId);
    return { kind: 'prompt', prompt: { step: 'verify_identity', email: s.email, portal: s.portal, ...secondFactorMethods(factors, user?.mfaLastMethod) } };
  },

  async submit(state, input, deps) {
    const answer = verifyStepInput.parse(input);
    const presented = await presentSecondFactor(deps, { userId: state.userId!, identifier: state.identifier, orgId: state.orgId, answer, challenge: state.challenge, event: 'sign_in.mfa' });
    return { ...state, challenge: undefined, mfaAt: presented.at.toISOString(), amr: [...new Set([...state.amr, ...presented.amr])] };
  },
};
