import type { Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { auditEvents, memberships } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { AuditEventName } from '../../../../contract/audit-events.ts';

export type AuditContext = { ip: string; userAgent: string; actorUserId?: string | null };

export type AuditEvent = {
  event: AuditEventName;
  outcome: 'success' | 'failure';
  orgId?: string | null;
  targetUserId?: string | null;
  details?: Record<string, unknown>;
};

/** Append-only (a database trigger refuses updates and deletes). Never pass secrets in details. */
const insertAudit = prepared('audit_insert', (db) =>
  db.insert(auditEvents).values({ event: param('event'), outcome: param('outcome'), orgId: param('orgId'), actorUserId: param('actorUserId'), targetUserId: param('targetUserId'), ip: param('ip'), userAgent: param('userAgent'), details: param('details') }),
);

export async function recordAudit(db: Queryable, ctx: AuditContext, e: AuditEvent): Promise<void> {
  await insertAudit(db, {
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

/**
 * An event about a person before any organization is chosen (a failed sign-in, a lock): written
 * once for each organization they belong to, so each organization's log shows it; once with no
 * organization when the person is unknown.
 */
export async function recordAuditForMemberships(db: Queryable, ctx: AuditContext, orgIds: string[], e: Omit<AuditEvent, 'orgId'>): Promise<void> {
  if (orgIds.length === 0) return recordAudit(db, ctx, e);
  for (const orgId of orgIds) await recordAudit(db, ctx, { ...e, orgId });
}

/**
 * An event about a person's own account, which every organization they belong to shares (their
 * password, their recovery address): written to each of those organizations' logs, so an
 * administrator sees a member's password reset or forced change whichever organization it came from.
 */
export async function recordAuditForPerson(db: Queryable, ctx: AuditContext, userId: string, e: Omit<AuditEvent, 'orgId' | 'targetUserId'>): Promise<void> {
  const orgIds = (await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.orgId);
  await recordAuditForMemberships(db, ctx, orgIds, { ...e, targetUserId: userId });
}
