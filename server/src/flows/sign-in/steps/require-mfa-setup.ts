import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../errors.ts';
import { users } from '../../../db/schema/index.ts';
import { mfaSetupStepInput, recoveryCodesAckInput } from '../../../../../contract/mfa.ts';
import type { SignInStep } from '../../../../../contract/sign-in.ts';
import { addWebauthnFactor, listConfirmedFactors, replaceRecoveryCodes } from '../../../domain/mfa/factor-store.ts';
import { generateRecoveryCodes } from '../../../domain/mfa/recovery-codes.ts';
import { findOrgById } from '../../../domain/orgs/org-store.ts';
import { findUserById } from '../../../domain/users/user-store.ts';
import { recordFactorChange } from '../../mfa/factor-changed.ts';
import { factorsOf, orgOf, userOf } from '../../request-memo.ts';
import { assertMethodAllowed } from '../../mfa/assert-method-allowed.ts';
import { confirmTotpEnrollment, describeSealedTotp, newTotpSecret } from '../../mfa/totp-enrollment.ts';
import { verifyWebauthnRegistration } from '../../mfa/webauthn.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';

/** Whether this sign-in must set up a factor before it may finish (required policy, grace used up). */
export async function mustSetUpMfa(s: SignInState, deps: FlowDeps): Promise<boolean> {
  if (s.mfaAt || !s.userId || !s.orgId) return false;
  const org = await orgOf(deps, s.orgId);
  if (org?.policies.mfa.mode !== 'required') return false;
  if ((await factorsOf(deps, s.userId)).length > 0) return false;
  const user = await userOf(deps, s.userId);
  return (user?.mfaGraceUsed ?? 0) >= org.policies.mfa.graceSignIns;
}

/** A sign-in finished without a factor under a required policy uses up one grace sign-in. */
export async function countGraceSignIn(s: SignInState, deps: FlowDeps): Promise<void> {
  if (s.mfaAt || !s.userId || !s.orgId) return;
  const org = await orgOf(deps, s.orgId);
  if (org?.policies.mfa.mode !== 'required') return;
  await deps.db.update(users).set({ mfaGraceUsed: sql`${users.mfaGraceUsed} + 1` }).where(eq(users.id, s.userId));
}

/** "Set Up Multi-Factor Authentication" when the organization requires it, right after the password. */
export const requireMfaSetup: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'mfa-setup',
  async check(s, deps) {
    if (!(await mustSetUpMfa(s, deps))) return { kind: 'continue' };
    const [user, org] = await Promise.all([findUserById(deps.db, s.userId!), findOrgById(deps.db, s.orgId!)]);
    const totp = s.totpSetupSealed ? await describeSealedTotp(deps, user!, org!.name, s.totpSetupSealed) : undefined;
    return { kind: 'prompt', prompt: { step: 'mfa_setup', email: s.email, portal: s.portal, methods: org!.policies.mfa.methods, ...(totp ? { totp } : {}) } };
  },

  async submit(state, input, deps) {
    const answer = mfaSetupStepInput.parse(input);
    const userId = state.userId!;
    const user = (await findUserById(deps.db, userId))!;
    const allowed = (await orgOf(deps, state.orgId!))!.policies.mfa.methods;
    assertMethodAllowed(allowed, answer.action === 'register_webauthn' ? 'webauthn' : 'totp');
    if (answer.action === 'start_totp') return { ...state, totpSetupSealed: await newTotpSecret(deps, user) };
    let codes: string[] | undefined;
    let amr: string;
    let enrolled: Record<string, unknown>;
    if (answer.action === 'confirm_totp') {
      if (!state.totpSetupSealed) throw new AppError('mfa.no_pending_setup', 'Start the authenticator app set-up first.');
      const { factor, recoveryCodes } = await confirmTotpEnrollment(deps, user, answer.code, { sealedSecret: state.totpSetupSealed });
      codes = recoveryCodes;
      amr = 'otp';
      enrolled = { type: 'totp', name: factor.name, via: 'sign_in' };
    } else {
      const credential = await verifyWebauthnRegistration(deps.publicUrl, answer.response, state.challenge);
      if ((await listConfirmedFactors(deps.db, userId)).length > 0) throw new AppError('mfa.already_enrolled', 'A factor is already set up.');
      codes = generateRecoveryCodes();
      await deps.db.transaction(async (tx) => {
        await addWebauthnFactor(tx, { userId, name: answer.name, ...credential });
        await replaceRecoveryCodes(tx, userId, codes!);
      });
      amr = 'hwk';
      enrolled = { type: 'webauthn', passkey: credential.discoverable, name: answer.name, via: 'sign_in' };
    }
    // This step only runs for a person without factors: a first factor always comes with codes.
    if (!codes) throw new AppError('mfa.already_enrolled', 'A factor is already set up.');
    await recordFactorChange(deps, { user, orgId: state.orgId!, event: 'mfa.enrolled', details: enrolled });
    return {
      ...state,
      challenge: undefined,
      totpSetupSealed: undefined,
      mfaAt: new Date().toISOString(),
      amr: [...new Set([...state.amr, amr, 'mfa'])],
      recoveryCodesSealed: deps.masterKey.encrypt(JSON.stringify(codes), `recovery-codes:${userId}`),
    };
  },
};

/** The ten recovery codes, shown once, until the person says they saved them. */
export const showRecoveryCodes: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'recovery-codes',
  async check(s, deps) {
    if (!s.recoveryCodesSealed) return { kind: 'continue' };
    const codes = JSON.parse(deps.masterKey.decrypt(s.recoveryCodesSealed, `recovery-codes:${s.userId}`)) as string[];
    return { kind: 'prompt', prompt: { step: 'recovery_codes', email: s.email, portal: s.portal, codes } };
  },
  async submit(state, input) {
    recoveryCodesAckInput.parse(input);
    return { ...state, recoveryCodesSealed: undefined };
  },
};
