import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { rowsOf } from '../lockout/lockout-store.ts';
import type { AdminUser } from '../../../../contract/admin-users.ts';

export type ListUsersOptions = {
  q?: string;
  status?: 'active' | 'locked' | 'suspended' | 'password_expired' | 'invited';
  groupId?: string;
  sort: 'name' | 'email' | 'created';
  limit: number;
  cursor?: string;
  maxAgeDays: number;
};

type Row = {
  id: string; email: string; first_name: string; last_name: string; username: string | null; role: 'member' | 'admin';
  suspended_at: Date | null; user_status: 'active' | 'suspended'; locked: boolean; password_changed_at: Date | null;
  must_change_password: boolean; created_at: Date; sort_key: string;
};

const SORT_KEYS = {
  name: sql`lower(u.last_name || ' ' || u.first_name || ' ' || u.email_canonical)`,
  email: sql`u.email_canonical`,
  created: sql`to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
};

/** The cursor is opaque to clients: the last row's sort key and id. */
const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Members of one organization with search (name, e-mail, username), status and group filters and
 * keyset pagination, in one query. Locked state joins the failure counters by the same key the
 * sign-in uses: sha256('lockout:' || canonical e-mail).
 */
export async function listOrgUsers(db: Queryable, orgId: string, o: ListUsersOptions): Promise<{ items: AdminUser[]; nextCursor: string | null }> {
  const key = SORT_KEYS[o.sort];
  const where: SQL[] = [sql`m.org_id = ${orgId}`];
  if (o.q) {
    const like = `%${o.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(u.email_canonical like ${like} or lower(u.first_name || ' ' || u.last_name) like ${like} or lower(coalesce(m.username, '')) like ${like})`);
  }
  if (o.groupId) where.push(sql`exists (select 1 from group_members gm join groups g on g.id = gm.group_id where gm.user_id = u.id and g.id = ${o.groupId} and g.org_id = ${orgId})`);
  const expired = o.maxAgeDays > 0 ? sql`(u.password_changed_at is not null and u.password_changed_at <= now() - make_interval(days => ${o.maxAgeDays}))` : sql`false`;
  if (o.status === 'suspended') where.push(sql`(m.suspended_at is not null or u.status = 'suspended')`);
  if (o.status === 'active') where.push(sql`(m.suspended_at is null and u.status = 'active')`);
  if (o.status === 'locked') where.push(sql`f.locked_at is not null and (f.locked_until is null or f.locked_until > now())`);
  if (o.status === 'password_expired') where.push(expired);
  if (o.status === 'invited') where.push(sql`false`);
  const after = o.cursor ? decodeCursor(o.cursor) : undefined;
  if (after) where.push(sql`(${key}, u.id::text) > (${after[0]}, ${after[1]})`);

  const result = await db.execute(sql`
    select u.id, u.email, u.first_name, u.last_name, m.username, m.role, m.suspended_at, u.status as user_status,
      (f.locked_at is not null and (f.locked_until is null or f.locked_until > now())) as locked,
      u.password_changed_at, u.must_change_password, m.created_at, ${key} as sort_key
    from memberships m
    join users u on u.id = m.user_id
    left join sign_in_failures f on f.identifier_hash = encode(sha256(convert_to('lockout:' || u.email_canonical, 'UTF8')), 'hex')
    where ${sql.join(where, sql` and `)}
    order by ${key}, u.id::text
    limit ${o.limit + 1}`);
  const rows = rowsOf<Row>(result);
  const page = rows.slice(0, o.limit);
  const maxAgeMs = o.maxAgeDays * 86_400_000;
  return {
    items: page.map((r) => ({
      id: r.id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      username: r.username,
      role: r.role,
      status: r.suspended_at || r.user_status === 'suspended' ? 'suspended' : 'active',
      locked: Boolean(r.locked),
      passwordExpired: o.maxAgeDays > 0 && r.password_changed_at !== null && new Date(r.password_changed_at).getTime() + maxAgeMs <= Date.now(),
      mustChangePassword: Boolean(r.must_change_password),
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > o.limit ? encodeCursor(page[page.length - 1].sort_key, page[page.length - 1].id) : null,
  };
}
