import { and, asc, eq, exists, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { apiKeys, apps, auditEvents, groups, users } from '../../db/schema/index.ts';
import { escapeLike } from '../../db/like-pattern.ts';
import { auditSorts, type AuditFilters, type AuditEventView, type ListAuditQuery } from '../../../../contract/audit.ts';
import { decodeListCursor, type Page } from '../../../../contract/list-query.ts';

function matching(orgId: string, f: AuditFilters): SQL | undefined {
  return and(
    eq(auditEvents.orgId, orgId),
    // An event names itself and its family: "sign_in" finds sign_in.password and sign_in.mfa.
    f.event ? or(eq(auditEvents.event, f.event), like(auditEvents.event, `${escapeLike(f.event)}.%`)) : undefined,
    f.actor ? eq(auditEvents.actorUserId, f.actor) : undefined,
    f.target ? eq(auditEvents.targetUserId, f.target) : undefined,
    f.outcome ? eq(auditEvents.outcome, f.outcome) : undefined,
    f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.at, new Date(f.to)) : undefined,
  );
}

const actor = alias(users, 'actor');
const target = alias(users, 'target');

/** The organization's row an event names by `details.<key>` (an id written by our code; anything else names nothing). */
const nameOf = (table: typeof apps | typeof groups | typeof apiKeys, key: string, orgId: string) => sql<string | null>`(
  select ${table.name} from ${table} where ${table.orgId} = ${orgId}
    and ${table.id} = case when ${auditEvents.details}->>${key} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then (${auditEvents.details}->>${key})::uuid end)`;

/**
 * One page of the organization's audit log, filtered by event, actor, target, outcome and time; who is
 * named by e-mail, and what by name (the application, group or API key, as it is called now; as it was
 * called when it is gone), so that "app.secret_rotated" says which application.
 */
export async function listAuditEvents(db: Queryable, orgId: string, q: ListAuditQuery): Promise<Page<AuditEventView>> {
  const k = keyset(auditSorts, { at: auditEvents.at }, auditEvents.id, q);
  const rows = await db
    .select({
      event: auditEvents,
      actorEmail: actor.email,
      targetEmail: target.email,
      app: nameOf(apps, 'appId', orgId),
      group: nameOf(groups, 'groupId', orgId),
      apiKey: nameOf(apiKeys, 'apiKeyId', orgId),
      ...k.select,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(target, eq(target.id, auditEvents.targetUserId))
    .where(and(matching(orgId, q), k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ event: e, actorEmail, targetEmail, app, group, apiKey }) => ({
    id: e.id,
    at: e.at.toISOString(),
    orgId: e.orgId,
    event: e.event,
    outcome: e.outcome,
    actorUserId: e.actorUserId,
    targetUserId: e.targetUserId,
    actorEmail,
    targetEmail,
    subjects: subjectsOf(e.details as Record<string, unknown>, [app, group, apiKey]),
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details as Record<string, unknown>,
  }));
}

function subjectsOf(details: Record<string, unknown>, found: (string | null)[]): string[] {
  const named = found.filter((n): n is string => n !== null);
  if (named.length > 0) return named;
  return typeof details.name === 'string' ? [details.name] : [];
}

/**
 * Every matching event, newest first, in keyset chunks: memory stays at one chunk however long
 * the log. An event appended while the export runs is newer than the first chunk, so it is not
 * half-included.
 */
export async function* eachAuditEvent(db: Queryable, orgId: string, filters: AuditFilters, chunk = 500): AsyncGenerator<AuditEventView> {
  let cursor: ListAuditQuery['cursor'];
  do {
    const page = await listAuditEvents(db, orgId, { ...filters, sort: '-at', limit: chunk, cursor });
    yield* page.items;
    cursor = page.nextCursor ? decodeListCursor(page.nextCursor) : undefined;
  } while (cursor);
}

/**
 * Who acted (or was acted on) in this organization's log, matched on e-mail or name: former
 * members are as findable as current ones, since what a person did here is often looked up after they left.
 */
export async function searchAuditPeople(db: Queryable, orgId: string, as: 'actor' | 'target', q: string): Promise<{ id: string; email: string }[]> {
  const column = as === 'actor' ? auditEvents.actorUserId : auditEvents.targetUserId;
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        q ? or(like(users.emailCanonical, pattern), like(sql`lower(${users.firstName} || ' ' || ${users.lastName})`, pattern)) : undefined,
        exists(db.select({ one: sql`1` }).from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(column, users.id)))),
      ),
    )
    .orderBy(asc(users.email))
    .limit(20);
}
