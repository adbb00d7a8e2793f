import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { auditSorts, type AuditFilters, type AuditEventView, type ListAuditQuery } from '../../../../contract/audit.ts';
import { decodeListCursor, type Page } from '../../../../contract/list-query.ts';

function matching(orgId: string, f: AuditFilters): SQL | undefined {
  return and(
    eq(auditEvents.orgId, orgId),
    f.event ? eq(auditEvents.event, f.event) : undefined,
    f.actor ? eq(auditEvents.actorUserId, f.actor) : undefined,
    f.target ? eq(auditEvents.targetUserId, f.target) : undefined,
    f.outcome ? eq(auditEvents.outcome, f.outcome) : undefined,
    f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.at, new Date(f.to)) : undefined,
  );
}

/** One page of the organization's audit log, filtered by event, actor, target, outcome and time. */
export async function listAuditEvents(db: Queryable, orgId: string, q: ListAuditQuery): Promise<Page<AuditEventView>> {
  const k = keyset(auditSorts, { at: auditEvents.at }, auditEvents.id, q);
  const rows = await db
    .select({ event: auditEvents, ...k.select })
    .from(auditEvents)
    .where(and(matching(orgId, q), k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ event: e }) => ({
    id: e.id,
    at: e.at.toISOString(),
    orgId: e.orgId,
    event: e.event,
    outcome: e.outcome,
    actorUserId: e.actorUserId,
    targetUserId: e.targetUserId,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details as Record<string, unknown>,
  }));
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
