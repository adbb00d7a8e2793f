import { z } from 'zod';
import { searchText } from './fields.ts';
import { listQuery, pageSchema } from './list-query.ts';

/** Filters of the audit log, shared by the list and the CSV export. `to` is inclusive. */
export const auditFilters = {
  event: searchText(64).optional(),
  actor: z.uuid().optional(),
  target: z.uuid().optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditSorts = { at: 'time' } as const;
/** GET /api/admin/audit — newest first by default, keyset-paged. */
export const listAuditQuery = listQuery(auditSorts, { sort: '-at', limit: 100, maxLimit: 500 }, auditFilters);
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/** GET /api/admin/audit.csv — every matching row, newest first. */
export const exportAuditQuery = z.object(auditFilters);
export type AuditFilters = z.infer<typeof exportAuditQuery>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  orgId: z.string().nullable(),
  event: z.string(),
  outcome: z.enum(['success', 'failure']),
  actorUserId: z.string().nullable(),
  targetUserId: z.string().nullable(),
  /** The e-mail of who acted and of whom it concerned, while they have an account. */
  actorEmail: z.string().nullable(),
  targetEmail: z.string().nullable(),
  /** What else it concerns, by name: the application, group or API key. */
  subjects: z.array(z.string()),
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;
export const auditEventPageSchema = pageSchema(auditEventSchema);

/** GET /api/admin/audit/people?as=actor|target&q= — people named in this organization's log that way, former members too. */
export const auditPeopleQuery = z.object({ as: z.enum(['actor', 'target']).default('actor'), q: searchText(100).default('') });
export const auditPeopleSchema = z.object({ items: z.array(z.object({ id: z.string(), email: z.string() })) });
