import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { groupMembers, groups, users } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users/user-store.ts';

export type GroupRow = typeof groups.$inferSelect;

export async function createGroup(db: Queryable, orgId: string, name: string): Promise<GroupRow> {
  try {
    const [row] = await db.insert(groups).values({ orgId, name }).returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('group.name_taken', 'A group with this name already exists.');
    throw err;
  }
}

export async function findOrgGroup(db: Queryable, orgId: string, id: string): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(groups).where(and(eq(groups.orgId, orgId), eq(groups.id, id)));
  return row;
}

export async function listOrgGroups(db: Queryable, orgId: string): Promise<GroupRow[]> {
  return db.select().from(groups).where(eq(groups.orgId, orgId)).orderBy(asc(groups.name));
}

export async function addGroupMember(db: Queryable, groupId: string, userId: string): Promise<void> {
  await db.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing();
}

export async function listGroupMembers(db: Queryable, groupId: string) {
  return db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.emailCanonical));
}

export async function renameGroup(db: Queryable, orgId: string, id: string, name: string): Promise<boolean> {
  try {
    const rows = await db.update(groups).set({ name }).where(and(eq(groups.orgId, orgId), eq(groups.id, id))).returning({ id: groups.id });
    return rows.length === 1;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('group.name_taken', 'A group with this name already exists.');
    throw err;
  }
}

export async function deleteGroup(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.delete(groups).where(and(eq(groups.orgId, orgId), eq(groups.id, id))).returning({ id: groups.id });
  return rows.length === 1;
}

export async function removeGroupMember(db: Queryable, groupId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).returning({ id: groupMembers.userId });
  return rows.length === 1;
}

/** The names of the person's groups in one organization (the `groups` claim, SAML group attribute). */
export async function listUserGroupNames(db: Queryable, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.orgId, orgId), eq(groupMembers.userId, userId)))
    .orderBy(asc(groups.name));
  return rows.map((r) => r.name);
}
