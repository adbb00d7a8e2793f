import { AppError } from '../../errors.ts';
import { deleteAllFactors } from '../../domain/mfa/factor-store.ts';
import { recordAuditForMemberships } from '../../domain/audit/record-audit.ts';
import type { User } from '../../domain/users/user-store.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { FlowDeps } from '../deps.ts';
import { isSharedAccount, requireMember, type AdminContext } from './manage-members.ts';

/**
 * Removes every second factor of a person, audited in each organization they belong to (the
 * factors guarded all of them), and tells them by e-mail. With no factor to remove nothing
 * happened: no audit row, and no mail telling them their sign-in methods were reset.
 */
export async function resetFactors(deps: FlowDeps, user: User, orgIds: string[], via: 'admin' | 'cli'): Promise<number> {
  const removed = await deps.db.transaction(async (tx) => {
    const count = await deleteAllFactors(tx, user.id);
    if (count === 0) return 0;
    await recordAuditForMemberships(tx, deps.ctx, orgIds, { event: 'mfa.reset', outcome: 'success', targetUserId: user.id, details: { removed: count, via } });
    await enqueueMail(tx, { to: user.email, template: 'mfa_reset', lang: user.language, vars: {}, orgId: orgIds[0] ?? null });
    return count;
  });
  if (removed > 0) deps.mailQueued();
  return removed;
}

/**
 * An administrator resets a member's factors. A person who also belongs to another organization
 * is refused: one person's factors protect every organization they are in, and an administrator
 * of one must not strip the second factor another one requires. The operator can
 * (`tessera user reset-mfa`), and the person can sign in with a recovery code.
 */
export async function resetMemberMfa(deps: FlowDeps, a: AdminContext, userId: string): Promise<void> {
  // Their own factors go through the Security page, which keeps the last-factor rule.
  if (a.adminId === userId) throw new AppError('mfa.reset_self', 'Manage your own sign-in methods from the Security section of your portal.');
  const user = await requireMember(deps, a.orgId, userId);
  if (await isSharedAccount(deps, a.orgId, user.id)) {
    throw new AppError('mfa.reset_shared_account', 'This person also belongs to another organization, whose sign-ins their factors protect too. They can sign in with a recovery code, or the instance operator can reset their factors.');
  }
  await resetFactors(deps, user, [a.orgId], 'admin');
}
