import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset, type CursorFields } from '../../db/keyset.ts';
import { foldedContains } from '../../db/like-pattern.ts';
import { nameOrder } from '../../db/name-order.ts';
import { signInFailures } from '../../db/schema/index.ts';
import { lockoutKey, rowsOf } from '../lockout/lockout-store.ts';
import { userSorts, type AdminUser, type ListUsersQuery } from '../../../../contract/admin-users.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { listInvitedPeople } from './list-invited-people.ts';

export type ListUsersOptions = ListUsersQuery & { maxAgeDays: number };

type Row = CursorFields & {
  id: string; email: string; first_name: string; last_name: string; username: string | null; role: 'member' | 'admin';
  suspended_at: Date | null; user_status: 'active' | 'suspended'; email_canonical: string; password_changed_at: Date | null;
  must_change_password: boolean; created_at: Date;
};

const SORT_KEYS = {
  // As the sort index (migration 0030) has it, so the index serves the order and the cursor's seek.
  name: nameOrder(sql`lower(u.last_name || ' ' || u.first_name || ' ' || u.email_canonical)`),
  email: sql`u.email_canonical`,
  created: sql`m.created_at`,
};

/**
 * Members of one organization with search (name, e-mail, username), status, group and role filters and
 * keyset pagination, in one query. Locked state joins the failure counters by the same key the
 * sign-in uses: sha256('lockout:' || canonical e-mail). `status=invited` lists the people invited
 * and not yet joined instead.
 */
export async function listOrgUsers(db: Queryable, orgId: string, o: ListUsersOptions): Promise<Page<AdminUser>> {
  if (o.status === 'invited') return listInvitedPeople(db, orgId, o);
  const k = keyset(userSorts, SORT_KEYS, sql`u.id`, o);
  const where: SQL[] = [sql`m.org_id = ${orgId}`];
  if (o.q) where.push(await searchPredicate(db, orgId, o.q));
  if (o.groupId) where.push(sql`exists (select 1 from group_members gm join groups g on g.id = gm.group_id where gm.user_id = u.id and g.id = ${o.groupId} and g.org_id = ${orgId})`);
  if (o.role) where.push(sql`m.role = ${o.role}`);
  const expired = o.maxAgeDays > 0 ? sql`(u.password_changed_at is not null and u.password_changed_at <= now() - make_interval(days => ${o.maxAgeDays}))` : sql`false`;
  if (o.status === 'suspended') where.push(sql`(m.suspended_at is not null or u.status = 'suspended')`);
  if (o.status === 'active') where.push(sql`(m.suspended_at is null and u.status = 'active')`);
  // Only the "locked" filter needs the failure counters for every row; otherwise only the page's rows are looked up.
  if (o.status === 'locked') where.push(sql`exists (select 1 from sign_in_failures f where f.identifier_hash = encode(sha256(convert_to('lockout:' || u.email_canonical, 'UTF8')), 'hex') and f.locked_at is not null and (f.locked_until is null or f.locked_until > now()))`);
  // Expired by age, or required by an administrator: either way the next sign-in asks for a new one.
  if (o.status === 'password_expired') where.push(sql`(${expired} or u.must_change_password)`);
  if (k.after) where.push(k.after);

  const result = await db.execute(sql`
    select u.id, u.email, u.email_canonical, u.first_name, u.last_name, m.username, m.role, m.suspended_at, u.status as user_status,
      u.password_changed_at, u.must_change_password, m.created_at, ${k.select.cursorKey} as "cursorKey", ${k.select.cursorId} as "cursorId"
    from memberships m
    join users u on u.id = m.user_id
    where ${sql.join(where, sql` and `)}
    order by ${sql.join(k.orderBy, sql`, `)}
    limit ${k.limit}`);
  const rows = rowsOf<Row>(result);
  const lockedKeys = await lockedAmong(db, rows.slice(0, o.limit).map((r) => lockoutKey(r.email_canonical)));
  const maxAgeMs = o.maxAgeDays * 86_400_000;
  return k.page(rows, (r) => ({
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    username: r.username,
    role: r.role,
    status: r.suspended_at || r.user_status === 'suspended' ? 'suspended' : 'active',
    locked: lockedKeys.has(lockoutKey(r.email_canonical)),
    passwordExpired: o.maxAgeDays > 0 && r.password_changed_at !== null && new Date(r.password_changed_at).getTime() + maxAgeMs <= Date.now(),
    mustChangePassword: Boolean(r.must_change_password),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

async function lockedAmong(db: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select().from(signInFailures).where(inArray(signInFailures.identifierHash, keys));
  const now = Date.now();
  return new Set(rows.filter((r) => r.lockedAt && (!r.lockedUntil || r.lockedUntil.getTime() > now)).map((r) => r.identifierHash));
}

const NARROW = 2000;

/**
 * `%term%` search over e-mail, name and username, ignoring case and accents. Two plans, chosen by a probe that reads the three
 * trigram indexes once and keeps what it found: a narrow term (few hits) is answered from those
 * ids; a broad one ("ken") by walking the sort index and filtering, which stops after one page.
 * Either way a page stays well under 100 ms at 100 000 members (bench S8).
 */
async function searchPredicate(db: Queryable, orgId: string, q: string) {
  // Written as the trigram indexes (migration 0031) hold them, so the probe is answered from them.
  const email = foldedContains(sql`email_canonical`, q);
  const name = foldedContains(sql`first_name || ' ' || last_name`, q);
  const username = foldedContains(sql`coalesce(username, '')`, q);
  const hits = sql`(select id from users where ${email}
    union all select id from users where ${name}
    union all select user_id from memberships where org_id = ${orgId} and ${username})`;
  const found = rowsOf<{ id: string }>(await db.execute(sql`select id from ${hits} h limit ${NARROW + 1}`)).map((r) => r.id);
  return found.length <= NARROW
    ? sql`m.user_id in (select unnest(${`{${found.join(',')}}`}::uuid[]))`
    : sql`(${foldedContains(sql`u.email_canonical`, q)} or ${foldedContains(sql`u.first_name || ' ' || u.last_name`, q)} or ${foldedContains(sql`coalesce(m.username, '')`, q)})`;
}
