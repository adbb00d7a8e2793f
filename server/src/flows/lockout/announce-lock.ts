import { recordAuditForMemberships } from '../../domain/audit/record-audit.ts';
import type { User } from '../../domain/users/user-store.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { FlowDeps } from '../deps.ts';

/**
 * The failure that locks an account — a password or a second factor, at sign-in or step-up — is
 * audited in each of the person's organizations and told to them, with the way back (a reset).
 */
export async function announceLock(deps: FlowDeps, user: User, orgIds: string[]): Promise<void> {
  await recordAuditForMemberships(deps.db, deps.ctx, orgIds, { event: 'account.locked', outcome: 'success', targetUserId: user.id });
  await enqueueMail(deps.db, { to: user.email, template: 'account_locked', lang: user.language, vars: { resetUrl: `${deps.publicUrl}/reset-password` } });
  deps.mailQueued();
}
