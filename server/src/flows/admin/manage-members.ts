import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../errors.ts';
import { updateUserInput } from '../../../../contract/admin-users.ts';
import { memberships, sessions, users } from '../../db/schema/index.ts';
import type { Tx } from '../../db/open.ts';
import { findMembership, findUserById, isUniqueViolation, listMemberships, type User } from '../../domain/users/user-store.ts';
import { recordAudit, recordAuditForMemberships } from '../../domain/audit/record-audit.ts';
import { clearFailures, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { announceSignedOut } from '../../domain/sessions/signed-out.ts';
import { removeUserFromOrgGroups } from '../../domain/groups/group-store.ts';
import { removeUserOrgAssignments } from '../../domain/apps/app-assignments.ts';
import type { FlowDeps } from '../deps.ts';
import type { AuditEventName } from '../../../../contract/audit-events.ts';

export type AdminContext = { orgId: string; adminId: string | null };

/** The member, or 404 — a user of another organization does not exist from here. */
export async function requireMember(deps: FlowDeps, orgId: string, userId: string): Promise<User> {
  const user = await findUserById(deps.db, userId);
  if (!user || !(await findMembership(deps.db, orgId, userId))) throw new AppError('user.not_found', 'No such user in this organization.');
  return user;
}

/**
 * An organization always keeps at least one active administrator. The organization's row is
 * locked first, so two demotions (or removals) at once are counted one after the other.
 */
async function assertAnotherAdmin(tx: Tx, orgId: string, userId: string): Promise<void> {
  await tx.execute(sql`select id from orgs where id = ${orgId} for update`);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'admin'), isNull(memberships.suspendedAt), sql`${memberships.userId} <> ${userId}`));
  if (row.n === 0) throw new AppError('admin.last_admin', 'An organization must keep at least one administrator.');
}

type Ended = { id: string; authTime: Date }[];

/** Sessions of this user in this organization end at once; `ended` collects them for `change`. */
async function endOrgSessions(tx: Tx, orgId: string, userId: string, ended: Ended): Promise<number> {
  const rows = await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId))).returning({ id: sessions.id, authTime: sessions.authTime });
  ended.push(...rows);
  return rows.length;
}

async function change(deps: FlowDeps, a: AdminContext, userId: string, event: AuditEventName, work: (tx: Tx, ended: Ended) => Promise<Record<string, unknown> | void>) {
  await requireMember(deps, a.orgId, userId);
  const ended: Ended = [];
  await deps.db.transaction(async (tx) => {
    const details = (await work(tx, ended)) ?? {};
    await recordAudit(tx, { ...deps.ctx, actorUserId: a.adminId }, { event, outcome: 'success', orgId: a.orgId, targetUserId: userId, details });
  });
  // Once committed: the single sign-on those sessions started ends with them.
  for (const { id, authTime } of ended) await announceSignedOut({ id, userId, authTime }, deps.ctx);
}

export const suspendMember = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'user.suspended', async (tx, ended) => {
    const m = await findMembership(tx, a.orgId, userId);
    if (m?.role === 'admin') await assertAnotherAdmin(tx, a.orgId, userId);
    await tx.update(memberships).set({ suspendedAt: new Date() }).where(and(eq(memberships.orgId, a.orgId), eq(memberships.userId, userId)));
    await endOrgSessions(tx, a.orgId, userId, ended);
  });

export const reactivateMember = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'user.reactivated', async (tx) => {
    await tx.update(memberships).set({ suspendedAt: null }).where(and(eq(memberships.orgId, a.orgId), eq(memberships.userId, userId)));
  });

/**
 * What acts on the person rather than on their membership here (their one password, their one
 * lockout counter) reaches every organization they belong to, so each of those logs it too. They
 * learn that an administrator of another of the person's organizations acted, not who, from where
 * or which organization: the person's other memberships, and who runs them, are not theirs to know.
 */
async function auditInOtherOrgs(tx: Tx, a: AdminContext, userId: string, event: AuditEventName): Promise<void> {
  const others = (await listMemberships(tx, userId)).map((m) => m.orgId).filter((orgId) => orgId !== a.orgId);
  if (others.length === 0) return;
  await recordAuditForMemberships(tx, { ip: '', userAgent: '', actorUserId: null }, others, { event, outcome: 'success', targetUserId: userId, details: { by: 'another_organization' } });
}

export const requirePasswordChange = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'user.password_change_required', async (tx) => {
    await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, userId));
    await auditInOtherOrgs(tx, a, userId, 'user.password_change_required');
  });

/** Clears the failures that locked the person's sign-in (counted for their address, in every organization). */
export const unlockMember = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'account.unlocked', async (tx) => {
    const user = (await findUserById(tx, userId))!;
    await clearFailures(tx, lockoutKey(user.emailCanonical));
    await auditInOtherOrgs(tx, a, userId, 'account.unlocked');
  });

export const signOutMember = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'user.signed_out', async (tx, ended) => ({ ended: await endOrgSessions(tx, a.orgId, userId, ended) }));

export const removeMember = (deps: FlowDeps, a: AdminContext, userId: string) =>
  change(deps, a, userId, 'membership.removed', async (tx, ended) => {
    const m = await findMembership(tx, a.orgId, userId);
    if (m?.role === 'admin') await assertAnotherAdmin(tx, a.orgId, userId);
    await endOrgSessions(tx, a.orgId, userId, ended);
    // What the membership gave goes with it: left behind, a later invitation back would silently
    // restore the old groups and applications (and the access rules they carry).
    const groupIds = await removeUserFromOrgGroups(tx, a.orgId, userId);
    const appIds = await removeUserOrgAssignments(tx, a.orgId, userId);
    await tx.delete(memberships).where(and(eq(memberships.orgId, a.orgId), eq(memberships.userId, userId)));
    return { groupIds, appIds };
  });

/** Also a member of another organization, which sees the same name and personal details. */
export async function isSharedAccount(deps: FlowDeps, orgId: string, userId: string): Promise<boolean> {
  return (await listMemberships(deps.db, userId)).some((m) => m.orgId !== orgId);
}

/**
 * Profile fields (even those the user may not edit), username and role; old and new values audited.
 * The name and personal details belong to the person: for someone another organization also has,
 * an administrator here changes only what is this organization's (username, role, employment).
 */
export async function updateMember(deps: FlowDeps, a: AdminContext, userId: string, input: unknown) {
  const data = updateUserInput.parse(input);
  const before = await requireMember(deps, a.orgId, userId);
  const membership = (await findMembership(deps.db, a.orgId, userId))!;
  const personLevel = data.firstName !== undefined || data.lastName !== undefined || data.personal !== undefined;
  if (personLevel && (await isSharedAccount(deps, a.orgId, userId))) {
    throw new AppError('user.shared_account', 'This person also belongs to another organization: their name and personal details are theirs to change, in their own profile.');
  }
  try {
    await change(deps, a, userId, 'user.updated', async (tx) => {
      if (data.role === 'member' && membership.role === 'admin') await assertAnotherAdmin(tx, a.orgId, userId);
      if (data.firstName !== undefined || data.lastName !== undefined) {
        await tx.update(users).set({ firstName: data.firstName ?? before.firstName, lastName: data.lastName ?? before.lastName }).where(eq(users.id, userId));
      }
      if (data.personal) await tx.update(users).set({ personal: data.personal }).where(eq(users.id, userId));
      if (data.username !== undefined || data.role !== undefined || data.employment) {
        await tx
          .update(memberships)
          .set({
            ...(data.username !== undefined ? { username: data.username || null } : {}),
            ...(data.role ? { role: data.role } : {}),
            ...(data.employment ? { employment: data.employment } : {}),
          })
          .where(and(eq(memberships.orgId, a.orgId), eq(memberships.userId, userId)));
      }
      return {
        old: { firstName: before.firstName, lastName: before.lastName, username: membership.username, role: membership.role, personal: before.personal, employment: membership.employment },
        new: data,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('user.username_taken', 'This username is already taken in the organization.');
    throw err;
  }
}
