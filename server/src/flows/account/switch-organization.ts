import { AppError } from '../../errors.ts';
import { switchSessionOrg, type Session } from '../../domain/sessions/session-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { membershipsOf } from '../request-memo.ts';
import { orgEntryNeeds } from './org-entry.ts';
import type { FlowDeps } from '../deps.ts';

/**
 * The account menu's organization switcher. Each organization's rules apply on entering it: one
 * that requires MFA is not entered by a session without it, and one with passwordless sign-in
 * turned off is not entered by a passkey-only session — the person signs in again for it instead.
 */
export async function switchOrganization(session: Session, userId: string, slug: string, deps: FlowDeps): Promise<void> {
  const target = (await membershipsOf(deps, userId)).find((m) => m.slug === slug);
  if (!target || target.suspended) throw new AppError('org.not_found', 'You are not a member of this organization.');
  if (orgEntryNeeds(session, target.policies) !== 'nothing') {
    throw new AppError('auth.reauthenticate', `${target.name} asks for more than this sign-in: sign in again to enter it.`);
  }
  await switchSessionOrg(deps.db, session.id, target.orgId);
  await recordAudit(deps.db, { ...deps.ctx, actorUserId: userId }, { event: 'session.organization_switched', outcome: 'success', orgId: target.orgId, targetUserId: userId });
}
