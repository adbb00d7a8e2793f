import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { appAssignments, apps, groups, users } from '../../db/schema/index.ts';
import type { AppAssignment } from '../../../../contract/apps.ts';
import { nameOrder } from '../../db/name-order.ts';

export type AssignmentTarget = { userId: string } | { groupId: string };

/** Who one application is assigned to: people directly (by e-mail), then groups (by name). */
export async function listAppAssignments(db: Queryable, appId: string): Promise<AppAssignment[]> {
  const people = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(appAssignments)
    .innerJoin(users, eq(users.id, appAssignments.userId))
    .where(eq(appAssignments.appId, appId))
    .orderBy(asc(users.emailCanonical));
  const teams = await db
    .select({ id: groups.id, name: groups.name })
    .from(appAssignments)
    .innerJoin(groups, eq(groups.id, appAssignments.groupId))
    .where(eq(appAssignments.appId, appId))
    .orderBy(nameOrder(groups.name));
  return [...people.map((p) => ({ kind: 'user' as const, ...p })), ...teams.map((g) => ({ kind: 'group' as const, ...g }))];
}

/** Ends one assignment in one statement; false when there was none. */
export async function removeAppAssignment(db: Queryable, appId: string, target: AssignmentTarget): Promise<boolean> {
  const which = 'userId' in target ? eq(appAssignments.userId, target.userId) : eq(appAssignments.groupId, target.groupId);
  const removed = await db.delete(appAssignments).where(and(eq(appAssignments.appId, appId), which)).returning({ id: appAssignments.id });
  return removed.length > 0;
}

/** Ends every direct assignment of one person to one organization's applications; returns the application ids. */
export async function removeUserOrgAssignments(db: Queryable, orgId: string, userId: string): Promise<string[]> {
  const orgApps = db.select({ id: apps.id }).from(apps).where(eq(apps.orgId, orgId));
  const removed = await db.delete(appAssignments).where(and(eq(appAssignments.userId, userId), inArray(appAssignments.appId, orgApps))).returning({ appId: appAssignments.appId });
  return removed.map((r) => r.appId);
}
