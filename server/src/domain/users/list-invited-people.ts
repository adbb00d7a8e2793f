import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset, type CursorFields } from '../../db/keyset.ts';
import { foldedContains } from '../../db/like-pattern.ts';
import { rowsOf } from '../lockout/lockout-store.ts';
import { userSorts, type AdminUser, type ListUsersQuery } from '../../../../contract/admin-users.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { nameOrder } from '../../db/name-order.ts';

type Row = CursorFields & { id: string; email: string; first_name: string; last_name: string; username: string | null; role: 'member' | 'admin'; created_at: Date };

// The same sorts as the members list, so "invited" reads like any other filter of the Users page.
const SORT_KEYS = {
  name: nameOrder(sql`lower(i.last_name || ' ' || i.first_name || ' ' || i.email_canonical)`),
  email: sql`i.email_canonical`,
  created: sql`i.created_at`,
};

/**
 * The people invited to the organization who have not joined: a pending invitation (not accepted,
 * not revoked, not expired) to an address that is not already a member. A new invitation to an
 * address revokes the older one, so each person appears once. Groups hold members only, so a group
 * filter finds nobody here.
 */
export async function listInvitedPeople(db: Queryable, orgId: string, o: ListUsersQuery): Promise<Page<AdminUser>> {
  const k = keyset(userSorts, SORT_KEYS, sql`i.id`, o);
  const where: SQL[] = [
    sql`i.org_id = ${orgId}`,
    sql`i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`,
    sql`not exists (select 1 from memberships m join users u on u.id = m.user_id where m.org_id = i.org_id and u.email_canonical = i.email_canonical)`,
  ];
  if (o.groupId) where.push(sql`false`);
  // The role they were invited with, which is the role they get on joining.
  if (o.role) where.push(sql`i.role = ${o.role}`);
  if (o.q) {
    where.push(sql`(${foldedContains(sql`i.email_canonical`, o.q)} or ${foldedContains(sql`i.first_name || ' ' || i.last_name`, o.q)} or ${foldedContains(sql`coalesce(i.username, '')`, o.q)})`);
  }
  if (k.after) where.push(k.after);
  const result = await db.execute(sql`
    select i.id, i.email, i.first_name, i.last_name, i.username, i.role, i.created_at,
      ${k.select.cursorKey} as "cursorKey", ${k.select.cursorId} as "cursorId"
    from invitations i
    where ${sql.join(where, sql` and `)}
    order by ${sql.join(k.orderBy, sql`, `)}
    limit ${k.limit}`);
  return k.page(rowsOf<Row>(result), (r) => ({
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    username: r.username,
    role: r.role,
    status: 'invited' as const,
    locked: false,
    passwordExpired: false,
    mustChangePassword: false,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
