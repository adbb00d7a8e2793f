import { and, desc, eq, or } from 'drizzle-orm';
import { auditEvents, groupMembers, groups } from '../../db/schema/index.ts';
import { findMembership } from '../../domain/users/user-store.ts';
import { listAssignedApps } from '../../domain/apps/app-store.ts';
import { listConfirmedFactors, summarizeFactor } from '../../domain/mfa/factor-store.ts';
import { getLockState, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import type { FlowDeps } from '../deps.ts';
import { employmentInput, personalInput } from '../../../../contract/profile.ts';
import type { MemberDetail } from '../../../../contract/admin-users.ts';
import { isSharedAccount, requireMember } from './manage-members.ts';
import { nameOrder } from '../../db/name-order.ts';

/** A member's page: profile as the organization sees it, groups, applications, factors (no secrets), recent events. */
export async function describeMember(deps: FlowDeps, orgId: string, userId: string): Promise<MemberDetail> {
  const user = await requireMember(deps, orgId, userId);
  const [membership, sharedAccount, memberOf, apps, factors, lock, events] = await Promise.all([
    findMembership(deps.db, orgId, userId),
    isSharedAccount(deps, orgId, userId),
    deps.db
      .select({ id: groups.id, name: groups.name })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groupMembers.userId, userId), eq(groups.orgId, orgId)))
      .orderBy(nameOrder(groups.name)),
    listAssignedApps(deps.db, orgId, userId),
    listConfirmedFactors(deps.db, userId),
    getLockState(deps.db, lockoutKey(user.emailCanonical)),
    deps.db
      .select({ id: auditEvents.id, at: auditEvents.at, event: auditEvents.event, outcome: auditEvents.outcome, ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), or(eq(auditEvents.targetUserId, userId), eq(auditEvents.actorUserId, userId))))
      .orderBy(desc(auditEvents.at))
      .limit(20),
  ]);
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    username: membership!.username,
    role: membership!.role,
    status: membership!.suspendedAt || user.status === 'suspended' ? 'suspended' : 'active',
    sharedAccount,
    locked: lock.locked,
    mustChangePassword: user.mustChangePassword,
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
    personal: personalInput.parse(user.personal ?? {}),
    employment: employmentInput.parse(membership!.employment ?? {}),
    groups: memberOf,
    apps: apps.map((a) => ({ id: a.id, name: a.name })),
    factors: factors.map(summarizeFactor),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
