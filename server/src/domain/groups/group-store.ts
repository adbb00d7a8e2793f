import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { foldedContains } from '../../db/like-pattern.ts';
import { groupMemberSorts, groupSorts, type ListGroupMembersQuery, type ListGroupsQuery } from '../../../../contract/admin-lists.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { groupMembers, groups, users } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users/user-store.ts';
import { nameOrder } from '../../db/name-order.ts';

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

/** One page of the organization's groups; `q` searches the name. */
export async function listOrgGroups(db: Queryable, orgId: string, q: ListGroupsQuery): Promise<Page<GroupRow>> {
  const k = keyset(groupSorts, { name: nameOrder(sql`lower(${groups.name})`), created: groups.createdAt }, groups.id, q);
  const rows = await db
    .select({ group: groups, ...k.select })
    .from(groups)
    .where(and(eq(groups.orgId, orgId), q.q ? foldedContains(groups.name, q.q) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, (r) => r.group);
}

export async function addGroupMember(db: Queryable, groupId: string, userId: string): Promise<void> {
  await db.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing();
}

/** One page of a group's members (the caller checks the group is the organization's); `q` searches e-mail and name. */
export async function listGroupMembers(db: Queryable, groupId: string, q: ListGroupMembersQuery) {
  const name = nameOrder(sql`lower(${users.lastName} || ' ' || ${users.firstName} || ' ' || ${users.emailCanonical})`);
  const k = keyset(groupMemberSorts, { email: users.emailCanonical, name }, users.id, q);
  const rows = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, ...k.select })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), q.q ? or(foldedContains(users.emailCanonical, q.q), foldedContains(sql`${users.firstName} || ' ' || ${users.lastName}`, q.q)) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorKey: _k, cursorId: _i, ...member }) => member);
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

/** The deleted group's name (for the audit row, the group being gone), or undefined when there was none. */
export async function deleteGroup(db: Queryable, orgId: string, id: string): Promise<{ name: string } | undefined> {
  const [row] = await db.delete(groups).where(and(eq(groups.orgId, orgId), eq(groups.id, id))).returning({ name: groups.name });
  return row;
}

export async function removeGroupMember(db: Queryable, groupId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).returning({ id: groupMembers.userId });
  return rows.length === 1;
}

/** Takes one person out of every group of one organization; returns the group ids. */
export async function removeUserFromOrgGroups(db: Queryable, orgId: string, userId: string): Promise<string[]> {
  const orgGroups = db.select({ id: groups.id }).from(groups).where(eq(groups.orgId, orgId));
  const removed = await db.delete(groupMembers).where(and(eq(groupMembers.userId, userId), inArray(groupMembers.groupId, orgGroups))).returning({ groupId: groupMembers.groupId });
  return removed.map((r) => r.groupId);
}

/** The names of the person's groups in one organization (the `groups` claim, SAML group attribute). */
export async function listUserGroupNames(db: Queryable, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.orgId, orgId), eq(groupMembers.userId, userId)))
    .orderBy(nameOrder(groups.name));
  return rows.map((r) => r.name);
}
