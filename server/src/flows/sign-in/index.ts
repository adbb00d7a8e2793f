import { AppError } from '../../errors.ts';
import { startSignInInput, type SignInStep } from '../../../../contract/sign-in.ts';
import { canonicalizeEmail } from '../../domain/users/canonical-email.ts';
import { createFlow, deleteFlow, loadFlow, replaceFlowState, type StoredFlow } from '../../domain/flows/flow-store.ts';
import { openSession } from '../../domain/sessions/open-session.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { clearFailures, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { nextStep, submitStep, type FlowStep } from '../engine/run-flow.ts';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';
import { orgOf } from '../request-memo.ts';
import type { FlowDeps } from '../deps.ts';
import { signInStateSchema, type SignInState } from './state.ts';
import { openSealedStart, sealStart } from './sealed-start.ts';
import { authenticatePassword } from './steps/authenticate-password.ts';
import { chooseOrganization } from './steps/choose-organization.ts';
import { changeExpiredPassword } from './steps/change-expired-password.ts';
import { verifySecondFactor } from './steps/verify-second-factor.ts';
import { countGraceSignIn, requireMfaSetup, showRecoveryCodes } from './steps/require-mfa-setup.ts';

/**
 * The sign-in journey, top to bottom. Identification happens when the flow starts; MFA and other
 * factors slot in between the organization and the password-change steps.
 */
export const signInSteps: FlowStep<SignInState, FlowDeps, SignInStep>[] = [
  authenticatePassword,
  chooseOrganization,
  verifySecondFactor,
  requireMfaSetup,
  showRecoveryCodes,
  changeExpiredPassword,
];

export const KIND = 'sign-in';
const TTL_MINUTES = 15;

export type SignInAnswer = { step: SignInStep; flowToken?: string | null; session?: { token: string; maxAgeSeconds: number } };
/** A flow before the password step has no row (id null): see sealed-start.ts. */
export type SignInFlow = Omit<StoredFlow<SignInState>, 'id'> & { id: string | null };

/** "Email" + "Continue": says nothing about whether the address has an account. */
export async function startSignIn(input: unknown, deps: FlowDeps): Promise<SignInAnswer & { flowToken: string }> {
  const { email, portal, returnTo } = startSignInInput.parse(input);
  const { display, canonical } = canonicalizeEmail(email);
  const state = signInStateSchema.parse({ portal, identifier: canonical, email: display, returnTo });
  const next = await nextStep(signInSteps, state, deps);
  if (next.done) throw new Error('A sign-in cannot be complete before anyone is identified');
  const flowToken = sealStart(state, TTL_MINUTES, deps.masterKey) ?? (await createFlow(deps.db, KIND, state, TTL_MINUTES)).token;
  return { step: next.prompt, flowToken };
}

export async function currentSignInStep(flowToken: string | undefined, deps: FlowDeps): Promise<SignInStep> {
  const flow = await requireFlow(flowToken, deps);
  const next = await nextStep(signInSteps, flow.state, deps);
  if (next.done) throw new AppError('sign_in.no_flow', 'No sign-in is in progress.');
  return next.prompt;
}

/** Answers one step; when nothing is left, opens the session and ends the flow. */
export async function answerSignInStep(flowToken: string | undefined, stepName: string, input: unknown, deps: FlowDeps): Promise<SignInAnswer> {
  const flow = await requireFlow(flowToken, deps);
  const state = await submitStep(signInSteps, flow.state, stepName, input, deps).catch(async (err) => {
    await consumeChallenge(flow, deps);
    throw err;
  });
  return advance(flow, state, deps);
}

/** A WebAuthn challenge is single-use: a failed answer spends it too (the next try asks for a new one). */
export async function consumeChallenge(flow: SignInFlow, deps: FlowDeps): Promise<void> {
  if (flow.id && flow.state.challenge) await replaceFlowState(deps.db, flow.id, flow.state, { ...flow.state, challenge: undefined });
}

export async function cancelSignIn(flowToken: string | undefined, deps: FlowDeps): Promise<void> {
  if (!flowToken || openSealedStart(flowToken, deps.masterKey)) return;
  const flow = await loadFlow<SignInState>(deps.db, KIND, flowToken);
  if (typeof flow === 'object') await deleteFlow(deps.db, flow.id);
}

/** Commits a state change made outside a step's answer (a new WebAuthn challenge) or refuses a race. */
export async function saveSignInState(flow: SignInFlow, state: SignInState, deps: FlowDeps): Promise<void> {
  if (!flow.id || !(await replaceFlowState(deps.db, flow.id, flow.state, state))) {
    throw new AppError('sign_in.wrong_step', 'This step was already answered. Start again from the first step.');
  }
}

/**
 * What comes after `state`: the next prompt (the state written as the flow's first row, or saved
 * with a compare-and-set), or — when nothing is left — the session, the flow's deletion being the gate.
 */
export async function advance(flow: SignInFlow, state: SignInState, deps: FlowDeps): Promise<SignInAnswer> {
  const next = await nextStep(signInSteps, state, deps);
  if (!next.done) {
    if (flow.id) {
      await saveSignInState(flow, state, deps);
      return { step: next.prompt };
    }
    // The rest of the sign-in keeps the time its start had left.
    const { token } = await createFlow(deps.db, KIND, state, flow.expiresAt);
    return { step: next.prompt, flowToken: token };
  }
  // Deleting the flow is the single-use gate: of two racing finishes only one opens a session.
  if (flow.id && !(await deleteFlow(deps.db, flow.id))) throw new AppError('sign_in.no_flow', 'No sign-in is in progress.');
  if (state.failuresPending) await clearFailures(deps.db, lockoutKey(state.identifier));
  await countGraceSignIn(state, deps);
  const org = await orgOf(deps, state.orgId!);
  const session = await openSession(
    deps.db,
    { userId: state.userId!, orgId: state.orgId!, amr: state.amr, authTime: new Date(state.authTime!), mfaAt: state.mfaAt ? new Date(state.mfaAt) : null, passwordless: state.passwordless, org },
    deps.ctx,
  );
  await recordAudit(deps.db, { ...deps.ctx, actorUserId: state.userId }, {
    event: 'sign_in',
    outcome: 'success',
    orgId: state.orgId,
    targetUserId: state.userId,
    details: { portal: state.portal, amr: state.amr },
  });
  const fallback = state.portal === 'admin' ? '/admin' : '/';
  return { step: { step: 'done', redirectTo: sameOriginPath(state.returnTo, fallback), rememberEmailDays: org?.policies.session.rememberMeDays ?? 0 }, flowToken: null, session };
}

export async function requireFlow(flowToken: string | undefined, deps: FlowDeps): Promise<SignInFlow> {
  if (!flowToken) throw new AppError('sign_in.no_flow', 'No sign-in is in progress. Enter your e-mail address first.');
  const sealed = openSealedStart(flowToken, deps.masterKey);
  const flow = sealed ? (typeof sealed === 'object' ? { id: null, ...sealed } : sealed) : await loadFlow<SignInState>(deps.db, KIND, flowToken);
  if (flow === 'missing') throw new AppError('sign_in.no_flow', 'No sign-in is in progress. Enter your e-mail address first.');
  if (flow === 'expired') throw new AppError('sign_in.flow_expired', 'This sign-in took too long. Start again.');
  return { ...flow, state: signInStateSchema.parse(flow.state) };
}
