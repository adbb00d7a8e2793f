import type { Queryable } from '../../db/open.ts';
import { auditEvents } from '../../db/schema/index.ts';

export type AuditContext = { ip: string; userAgent: string; actorUserId?: string | null };

export type AuditEvent = {
  event: string;
  outcome: 'success' | 'failure';
  orgId?: string | null;
  targetUserId?: string | null;
  details?: Record<string, unknown>;
};

/** Append-only (a database trigger refuses updates and deletes). Never pass secrets in details. */
export async function recordAudit(db: Queryable, ctx: AuditContext, e: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    event: e.event,
    outcome: e.outcome,
    orgId: e.orgId ?? null,
    actorUserId: ctx.actorUserId ?? null,
    targetUserId: e.targetUserId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent.slice(0, 512),
    details: e.details ?? {},
  });
}
