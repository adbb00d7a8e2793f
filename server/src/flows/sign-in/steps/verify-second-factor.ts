import { AppError } from '../../../errors.ts';
import { verifyStepInput } from '../../../../../contract/mfa.ts';
import type { SignInStep } from '../../../../../contract/sign-in.ts';
import { consumeRecoveryCode, findFactorByCredentialId, recordWebauthnUse, rememberLastMethod } from '../../../domain/mfa/factor-store.ts';
import { listMemberships } from '../../../domain/users/user-store.ts';
import { factorsOf, userOf } from '../../request-memo.ts';
import { lockoutKey, recordFailure, getLockState, clearFailures } from '../../../domain/lockout/lockout-store.ts';
import { strictestLockout } from '../../../domain/policies/org-policies.ts';
import { recordAudit, recordAuditForMemberships } from '../../../domain/audit/record-audit.ts';
import { verifyTotpCode } from '../../mfa/totp-enrollment.ts';
import { verifyWebauthnAssertion } from '../../mfa/webauthn.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';

type Method = 'totp' | 'webauthn' | 'recovery_code';

/** "Verify Your Identity": anyone with a factor presents one after the password, whatever the policy. */
export const verifySecondFactor: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'verify',
  async check(s, deps) {
    if (s.mfaAt || !s.userId) return { kind: 'continue' };
    const factors = await factorsOf(deps, s.userId);
    if (factors.length === 0) return { kind: 'continue' };
    const user = await userOf(deps, s.userId);
    const methods: Method[] = [];
    if (factors.some((f) => f.type === 'totp')) methods.push('totp');
    if (factors.some((f) => f.type === 'webauthn')) methods.push('webauthn');
    methods.push('recovery_code');
    const lastUsed = methods.includes(user?.mfaLastMethod as Method) ? (user!.mfaLastMethod as Method) : null;
    return { kind: 'prompt', prompt: { step: 'verify_identity', email: s.email, portal: s.portal, methods, lastUsed } };
  },

  async submit(state, input, deps) {
    const answer = verifyStepInput.parse(input);
    const userId = state.userId!;
    const key = lockoutKey(state.identifier);
    if ((await getLockState(deps.db, key)).locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');

    let ok = false;
    let amr: string[] = [];
    if (answer.method === 'totp') {
      ok = await verifyTotpCode(deps, userId, answer.code);
      amr = ['otp'];
    } else if (answer.method === 'recovery_code') {
      ok = await consumeRecoveryCode(deps.db, userId, answer.code);
      amr = ['otp'];
    } else {
      const factor = await findFactorByCredentialId(deps.db, answer.response.id);
      // A credential signs in only the user it belongs to.
      if (factor && factor.userId === userId) {
        const count = await verifyWebauthnAssertion(deps.publicUrl, answer.response, state.challenge, factor, false).catch(() => null);
        ok = count !== null && (await recordWebauthnUse(deps.db, factor, count));
      }
      amr = ['hwk'];
    }

    if (!ok) {
      // Every door shares the counter: a failed code counts like a failed password.
      const memberships = await listMemberships(deps.db, userId);
      const result = await recordFailure(deps.db, key, strictestLockout(memberships.map((m) => m.policies.lockout)));
      await recordAuditForMemberships(deps.db, deps.ctx, memberships.map((m) => m.orgId), { event: 'sign_in.mfa', outcome: 'failure', targetUserId: userId, details: { method: answer.method } });
      if (result.locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');
      throw new AppError('mfa.code_invalid', answer.method === 'webauthn' ? 'The security key could not be verified. Try again.' : 'That code is not right. Try again.');
    }
    await clearFailures(deps.db, key);
    await rememberLastMethod(deps.db, userId, answer.method);
    await recordAudit(deps.db, deps.ctx, { event: 'sign_in.mfa', outcome: 'success', orgId: state.orgId, targetUserId: userId, details: { method: answer.method } });
    return { ...state, challenge: undefined, mfaAt: new Date().toISOString(), amr: [...new Set([...state.amr, ...amr, 'mfa'])] };
  },
};
