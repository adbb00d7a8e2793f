import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { verifyStepInput } from '../../../../contract/mfa.ts';
import { consumeRecoveryCode, findFactorByCredentialId, listConfirmedFactors, recordWebauthnUse, rememberLastMethod } from '../../domain/mfa/factor-store.ts';
import { findUserById, listMemberships } from '../../domain/users/user-store.ts';
import { announceLock } from '../lockout/announce-lock.ts';
import { lockoutKey, recordFailure, getLockState, clearFailures } from '../../domain/lockout/lockout-store.ts';
import { strictestLockout } from '../../domain/policies/org-policies.ts';
import { recordAudit, recordAuditForMemberships } from '../../domain/audit/record-audit.ts';
import { verifyTotpCode } from './totp-enrollment.ts';
import { verifyWebauthnAssertion, type Challenge } from './webauthn.ts';
import type { FlowDeps } from '../deps.ts';
import type { AuditEventName } from '../../../../contract/audit-events.ts';

type Method = FactorAnswer['method'];

/** The methods a person can present, the one they used last offered first; recovery codes always. */
export function secondFactorMethods(factors: { type: string }[], lastMethod: string | null | undefined): { methods: Method[]; lastUsed: Method | null } {
  const methods: Method[] = [];
  if (factors.some((f) => f.type === 'totp')) methods.push('totp');
  if (factors.some((f) => f.type === 'webauthn')) methods.push('webauthn');
  methods.push('recovery_code');
  return { methods, lastUsed: lastMethod !== 'recovery_code' && methods.includes(lastMethod as Method) ? (lastMethod as Method) : null };
}

export type FactorAnswer = z.infer<typeof verifyStepInput>;
export type Presented = { amr: string[]; at: Date };

/**
 * One second factor presented by a known person — at sign-in ("Verify Your Identity") or to step
 * up for an application. Every door shares the lockout counter of the person's identifier: a
 * wrong code counts like a wrong password, and a locked account accepts no factor.
 */
export async function presentSecondFactor(
  deps: FlowDeps,
  p: { userId: string; identifier: string; orgId?: string; answer: FactorAnswer; challenge?: Challenge; event: AuditEventName },
): Promise<Presented> {
  const { userId, answer } = p;
  const key = lockoutKey(p.identifier);
  if ((await getLockState(deps.db, key)).locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');

  let ok = false;
  let amr: string[];
  if (answer.method === 'totp') {
    ok = await verifyTotpCode(deps, userId, answer.code);
    amr = ['otp'];
  } else if (answer.method === 'recovery_code') {
    // Codes stand in for a factor; without one (removed since) they prove nothing.
    ok = (await listConfirmedFactors(deps.db, userId)).length > 0 && (await consumeRecoveryCode(deps.db, userId, answer.code));
    amr = ['otp'];
  } else {
    const factor = await findFactorByCredentialId(deps.db, answer.response.id);
    // A credential signs in only the user it belongs to.
    if (factor && factor.userId === userId) {
      const count = await verifyWebauthnAssertion(deps.publicUrl, answer.response, p.challenge, factor, false).catch(() => null);
      ok = count !== null && (await recordWebauthnUse(deps.db, factor, count));
    }
    amr = ['hwk'];
  }

  if (!ok) {
    const memberships = await listMemberships(deps.db, userId);
    const result = await recordFailure(deps.db, key, strictestLockout(memberships.map((m) => m.policies.lockout)));
    await recordAuditForMemberships(deps.db, deps.ctx, memberships.map((m) => m.orgId), { event: p.event, outcome: 'failure', targetUserId: userId, details: { method: answer.method } });
    if (result.lockedNow) {
      const user = await findUserById(deps.db, userId);
      if (user) await announceLock(deps, user, memberships.map((m) => m.orgId));
    }
    if (result.locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');
    throw new AppError('mfa.code_invalid', answer.method === 'webauthn' ? 'The security key could not be verified. Try again.' : 'That code is not right. Try again.');
  }
  await clearFailures(deps.db, key);
  // A recovery code is the way back in, never the method to offer first next time (each one is spent).
  if (answer.method !== 'recovery_code') await rememberLastMethod(deps.db, userId, answer.method);
  await recordAudit(deps.db, deps.ctx, { event: p.event, outcome: 'success', orgId: p.orgId, targetUserId: userId, details: { method: answer.method } });
  return { amr: [...amr, 'mfa'], at: new Date() };
}
