import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPeopleQuery, auditPeopleSchema, auditEventPageSchema, exportAuditQuery, listAuditQuery } from '../../../../contract/audit.ts';
import { eachAuditEvent, listAuditEvents, searchAuditPeople } from '../../domain/audit/list-audit-events.ts';
import { auditCsvLines } from '../../domain/audit/audit-csv.ts';
import type { HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

/** The organization's audit log, newest first, filtered and keyset-paged; and all of it as CSV. */
export async function adminAuditRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/audit', { schema: { querystring: listAuditQuery, response: { 200: auditEventPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return listAuditEvents(deps.db, orgId, req.query);
  });

  r.get('/api/admin/audit/people', { schema: { querystring: auditPeopleQuery, response: { 200: auditPeopleSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return { items: await searchAuditPeople(deps.db, orgId, req.query.as, req.query.q) };
  });

  // Streamed: every matching row, read in keyset chunks, never the whole log in memory.
  r.get('/api/admin/audit.csv', { schema: { querystring: exportAuditQuery } }, async (req, reply) => {
    const { orgId } = await requireAdmin(req, deps);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send(Readable.from(auditCsvLines(eachAuditEvent(deps.db, orgId, req.query))));
  });
}
