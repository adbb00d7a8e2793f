import { AppError } from '../../errors.ts';
import { changePasswordInput } from '../../../../contract/account.ts';
import { verifyPassword } from '../../domain/credentials/password-hash.ts';
import { isPasswordExpired, passwordPolicyForUser, setNewPassword } from '../../domain/credentials/set-password.ts';
import { clearFailures, getLockState, lockoutKey, recordFailure } from '../../domain/lockout/lockout-store.ts';
import { strictestLockout } from '../../domain/policies/org-policies.ts';
import { listMemberships, type User } from '../../domain/users/user-store.ts';
import { deleteSession, type Session } from '../../domain/sessions/session-store.ts';
import { recordAudit, recordAuditForPerson } from '../../domain/audit/record-audit.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { FlowDeps } from '../deps.ts';

export async function describePassword(user: User, deps: FlowDeps) {
  const policy = await passwordPolicyForUser(deps.db, user.id);
  const changedAt = user.passwordChangedAt;
  const expiresAt = changedAt && policy.maxAgeDays > 0 ? new Date(changedAt.getTime() + policy.maxAgeDays * 86_400_000) : null;
  return { changedAt: changedAt?.toISOString() ?? null, expiresAt: expiresAt?.toISOString() ?? null, expired: isPasswordExpired(policy, changedAt), policy };
}

/**
 * Security → Password. The current password is checked like a sign-in (a wrong one counts toward
 * the lockout); every other session ends, and this one too unless the person keeps it.
 */
export async function changeMyPassword(user: User, session: Session, input: unknown, deps: FlowDeps): Promise<{ signedOut: boolean }> {
  const { currentPassword, newPassword, keepThisSession } = changePasswordInput.parse(input);
  const key = lockoutKey(user.emailCanonical);
  if ((await getLockState(deps.db, key)).locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    const policy = strictestLockout((await listMemberships(deps.db, user.id)).map((m) => m.policies.lockout));
    const result = await recordFailure(deps.db, key, policy);
    await recordAudit(deps.db, deps.ctx, { event: 'password.change', outcome: 'failure', orgId: session.orgId, targetUserId: user.id });
    if (result.locked) throw new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');
    throw new AppError('password.current_invalid', 'Your current password is not right.');
  }
  await clearFailures(deps.db, key);
  await setNewPassword(deps.db, { userId: user.id, password: newPassword, argon2: deps.argon2, keepSessionId: session.id, replacing: user.passwordHash }, async (tx) => {
    await recordAuditForPerson(tx, deps.ctx, user.id, { event: 'password.changed', outcome: 'success', details: { via: 'portal' } });
    await enqueueMail(tx, { to: user.email, template: 'password_changed', lang: user.language, vars: {}, orgId: session.orgId });
  });
  deps.mailQueued();
  if (!keepThisSession) await deleteSession(deps.db, session.id, deps.ctx);
  return { signedOut: !keepThisSession };
}
