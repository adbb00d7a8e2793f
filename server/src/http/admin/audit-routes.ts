import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import type { HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const auditQuery = z.object({
  event: z.string().max(64).optional(),
  actor: z.uuid().optional(),
  target: z.uuid().optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `at` of the last row of the previous page (newest first), with its id. */
  before: z.string().max(200).optional(),
});

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The organization's audit log, newest first, filtered; and the same as CSV. */
export async function adminAuditRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function query(orgId: string, q: z.infer<typeof auditQuery>) {
    const where: SQL[] = [eq(auditEvents.orgId, orgId)];
    if (q.event) where.push(eq(auditEvents.event, q.event));
    if (q.actor) where.push(eq(auditEvents.actorUserId, q.actor));
    if (q.target) where.push(eq(auditEvents.targetUserId, q.target));
    if (q.outcome) where.push(eq(auditEvents.outcome, q.outcome));
    if (q.from) where.push(gte(auditEvents.at, new Date(q.from)));
    if (q.to) where.push(lte(auditEvents.at, new Date(q.to)));
    if (q.before) {
      const [at, id] = q.before.split('|');
      const when = new Date(at);
      if (!Number.isNaN(when.getTime()) && id) where.push(or(lt(auditEvents.at, when), and(eq(auditEvents.at, when), lt(auditEvents.id, id)))!);
    }
    const rows = await deps.db.select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page, next: rows.length > q.limit && last ? `${last.at.toISOString()}|${last.id}` : null };
  }

  r.get('/api/admin/audit', { schema: { querystring: auditQuery } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return query(orgId, req.query);
  });

  r.get('/api/admin/audit.csv', { schema: { querystring: auditQuery } }, async (req, reply) => {
    const { orgId } = await requireAdmin(req, deps);
    const { items } = await query(orgId, { ...req.query, limit: 500 });
    const header = ['at', 'event', 'outcome', 'actor_user_id', 'target_user_id', 'ip', 'user_agent', 'details'];
    const lines = items.map((e) => [e.at.toISOString(), e.event, e.outcome, e.actorUserId, e.targetUserId, e.ip, e.userAgent, e.details].map(csvCell).join(','));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send([header.join(','), ...lines].join('\r\n') + '\r\n');
  });
}
