import { AppError } from '../../errors.ts';
import { confirmTotpInput, registerWebauthnInput, renameFactorInput } from '../../../../contract/mfa.ts';
import {
  addWebauthnFactor,
  countRecoveryCodes,
  deleteFactor,
  listConfirmedFactors,
  renameFactor,
  replaceRecoveryCodes,
  summarizeFactor,
} from '../../domain/mfa/factor-store.ts';
import { generateRecoveryCodes } from '../../domain/mfa/recovery-codes.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { createFlow, deleteFlow, loadFlow } from '../../domain/flows/flow-store.ts';
import { listMemberships, type User } from '../../domain/users/user-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import { recordFactorChange } from './factor-changed.ts';
import type { FlowDeps } from '../deps.ts';
import type { AuditEventName } from '../../../../contract/audit-events.ts';
import { confirmTotpEnrollment, startTotpEnrollment } from './totp-enrollment.ts';
import { assertMethodAllowed } from './assert-method-allowed.ts';
import { requireRecentAuthentication } from '../account/require-recent-authentication.ts';
import { verifyWebauthnRegistration, webauthnRegistrationOptions, type Challenge } from './webauthn.ts';

export type Me = { user: User; session: Session };

export async function describeMyMfa(me: Me, deps: FlowDeps) {
  const org = (await findOrgById(deps.db, me.session.orgId))!;
  return {
    factors: (await listConfirmedFactors(deps.db, me.user.id)).map(summarizeFactor),
    recoveryCodesLeft: await countRecoveryCodes(deps.db, me.user.id),
    policy: { mode: org.policies.mfa.mode, passwordless: org.policies.mfa.passwordless, methods: org.policies.mfa.methods },
  };
}

export async function beginTotpSetup(me: Me, deps: FlowDeps) {
  requireRecentAuthentication(me);
  const org = (await findOrgById(deps.db, me.session.orgId))!;
  assertMethodAllowed(org.policies.mfa.methods, 'totp');
  return startTotpEnrollment(deps, me.user, org.name, me.session.id);
}

export async function finishTotpSetup(me: Me, input: unknown, deps: FlowDeps) {
  requireRecentAuthentication(me);
  const { code, name } = confirmTotpInput.parse(input);
  const result = await confirmTotpEnrollment(deps, me.user, code, { sessionId: me.session.id }, name);
  await auditAndNotify(me, deps, 'mfa.enrolled', { type: 'totp', name: result.factor.name });
  return { recoveryCodes: result.recoveryCodes ?? [] };
}

const REG_KIND = 'webauthn-registration';

/** The challenge is kept server-side, bound to this session, for one registration. */
export async function beginWebauthnSetup(me: Me, deps: FlowDeps) {
  requireRecentAuthentication(me);
  assertMethodAllowed((await findOrgById(deps.db, me.session.orgId))!.policies.mfa.methods, 'webauthn');
  const { options, challenge } = await webauthnRegistrationOptions(deps.publicUrl, me.user, await listConfirmedFactors(deps.db, me.user.id));
  const { token } = await createFlow(deps.db, REG_KIND, { sessionId: me.session.id, challenge }, 5);
  return { options, challengeId: token };
}

export async function finishWebauthnSetup(me: Me, input: unknown, challengeId: string, deps: FlowDeps) {
  requireRecentAuthentication(me);
  const { response, name } = registerWebauthnInput.parse(input);
  const flow = await loadFlow<{ sessionId: string; challenge: Challenge }>(deps.db, REG_KIND, challengeId);
  if (typeof flow !== 'object' || flow.state.sessionId !== me.session.id || !(await deleteFlow(deps.db, flow.id))) {
    throw new AppError('mfa.challenge_missing', 'This request expired. Start again.');
  }
  const credential = await verifyWebauthnRegistration(deps.publicUrl, response, flow.state.challenge);
  const first = (await listConfirmedFactors(deps.db, me.user.id)).length === 0;
  const recoveryCodes = first ? generateRecoveryCodes() : [];
  const factor = await deps.db.transaction(async (tx) => {
    const added = await addWebauthnFactor(tx, { userId: me.user.id, name, ...credential });
    if (first) await replaceRecoveryCodes(tx, me.user.id, recoveryCodes);
    return added;
  });
  await auditAndNotify(me, deps, 'mfa.enrolled', { type: 'webauthn', passkey: credential.discoverable, name });
  return { factor: summarizeFactor(factor), recoveryCodes };
}

/** A name is what the person recognises a method by when removing it, so changing it is audited too. */
export async function renameMyFactor(me: Me, id: string, input: unknown, deps: FlowDeps) {
  const { name } = renameFactorInput.parse(input);
  const before = await renameFactor(deps.db, me.user.id, id, name);
  if (!before) throw new AppError('mfa.factor_not_found', 'No such sign-in method.');
  if (before.name === name) return;
  await recordAudit(deps.db, { ...deps.ctx, actorUserId: me.user.id }, { event: 'mfa.renamed', outcome: 'success', orgId: me.session.orgId, targetUserId: me.user.id, details: { type: before.type, from: before.name, to: name } });
}

/** Removing the last factor is refused where any of the person's organizations requires MFA. */
export async function removeMyFactor(me: Me, id: string, deps: FlowDeps) {
  requireRecentAuthentication(me);
  const factors = await listConfirmedFactors(deps.db, me.user.id);
  if (!factors.some((f) => f.id === id)) throw new AppError('mfa.factor_not_found', 'No such sign-in method.');
  const required = (await listMemberships(deps.db, me.user.id)).some((m) => m.policies.mfa.mode === 'required');
  if (required && factors.length === 1) throw new AppError('mfa.last_factor_required', 'Your organization requires multi-factor authentication: add another method before removing this one.');
  const removed = await deps.db.transaction((tx) => deleteFactor(tx, me.user.id, id));
  if (!removed) throw new AppError('mfa.factor_not_found', 'No such sign-in method.');
  await auditAndNotify(me, deps, 'mfa.removed', { factorId: id, type: removed.type, name: removed.name, last: factors.length === 1 });
}

export async function regenerateMyRecoveryCodes(me: Me, deps: FlowDeps) {
  requireRecentAuthentication(me);
  if ((await listConfirmedFactors(deps.db, me.user.id)).length === 0) throw new AppError('mfa.factor_not_found', 'Set up a sign-in method first.');
  const recoveryCodes = generateRecoveryCodes();
  await replaceRecoveryCodes(deps.db, me.user.id, recoveryCodes);
  await auditAndNotify(me, deps, 'mfa.recovery_codes_regenerated', {});
  return { recoveryCodes };
}

function auditAndNotify(me: Me, deps: FlowDeps, event: AuditEventName, details: Record<string, unknown>) {
  return recordFactorChange(deps, { user: me.user, orgId: me.session.orgId, event, details });
}
