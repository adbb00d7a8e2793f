import { newPasswordStepInput, type SignInStep } from '../../../../../contract/sign-in.ts';
import { findUserById } from '../../../domain/users/user-store.ts';
import { isPasswordExpired, setNewPassword } from '../../../domain/credentials/set-password.ts';
import { strictestPasswordPolicy } from '../../../../../contract/password-policy.ts';
import { membershipsOf, userOf } from '../../request-memo.ts';
import { recordAuditForPerson } from '../../../domain/audit/record-audit.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';

/** An expired password, or one an administrator marked, must be replaced before the portal opens. */
export const changeExpiredPassword: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'new-password',
  async check(s, deps) {
    if (s.passwordChanged || !s.userId) return { kind: 'continue' };
    const user = await userOf(deps, s.userId);
    const policy = strictestPasswordPolicy((await membershipsOf(deps, s.userId)).map((m) => m.policies.password));
    const reason = user?.mustChangePassword ? 'required' : isPasswordExpired(policy, user?.passwordChangedAt ?? null) ? 'expired' : undefined;
    if (!reason) return { kind: 'continue' };
    return { kind: 'prompt', prompt: { step: 'change_password', email: s.email, portal: s.portal, reason, policy } };
  },
  async submit(state, input, deps) {
    const { password } = newPasswordStepInput.parse(input);
    const user = (await findUserById(deps.db, state.userId!))!;
    await setNewPassword(deps.db, { userId: user.id, password, argon2: deps.argon2 }, async (tx) => {
      await recordAuditForPerson(tx, deps.ctx, user.id, { event: 'password.changed', outcome: 'success', details: { via: 'sign_in' } });
      await enqueueMail(tx, { to: user.email, template: 'password_changed', lang: user.language, vars: {}, orgId: state.orgId });
    });
    deps.mailQueued();
    return { ...state, passwordChanged: true };
  },
};
