import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { listOutboxQuery, mailTransportSchema, outboxMailPageSchema } from '../../../../contract/admin-lists.ts';
import { AppError } from '../../errors.ts';
import { mailOutbox } from '../../db/schema/index.ts';
import { findUserById } from '../../domain/users/user-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { enqueueMail, listOrgOutbox } from '../../mail/outbox.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

/**
 * E-mail for administrators: how mail leaves (SMTP or the log), the organization's outbox — subject,
 * recipient and state only, never bodies, which carry link tokens — a retry, and a test mail.
 */
export async function adminMailRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/mail/status', { schema: { response: { 200: mailTransportSchema } } }, async (req) => {
    await requireAdmin(req, deps);
    return { transport: deps.config.smtpUrl ? ('smtp' as const) : ('log' as const), from: deps.config.mailFrom };
  });

  r.get('/api/admin/mail/outbox', { schema: { querystring: listOutboxQuery, response: { 200: outboxMailPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const page = await listOrgOutbox(deps.db, orgId, req.query);
    return { ...page, items: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })) };
  });

  r.post('/api/admin/mail/outbox/:id/retry', { schema: { params: z.object({ id: z.uuid() }) } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const rows = await deps.db
      .update(mailOutbox)
      .set({ status: 'queued', nextAttemptAt: sql`now()` })
      .where(and(eq(mailOutbox.id, req.params.id), eq(mailOutbox.orgId, orgId), eq(mailOutbox.status, 'failed')))
      .returning({ id: mailOutbox.id });
    if (rows.length === 0) throw new AppError('mail.not_found', 'No failed mail with this id.');
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'mail.retried', outcome: 'success', orgId, details: { mailId: req.params.id } });
    deps.mailQueued();
    return res.status(204).send();
  });

  r.post('/api/admin/mail/test', async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const admin = actorId ? await findUserById(deps.db, actorId) : undefined;
    if (!admin) throw new AppError('auth.forbidden', 'A test mail goes to the signed-in administrator.');
    await enqueueMail(deps.db, { to: admin.email, template: 'test', lang: admin.language, vars: { transport: deps.config.smtpUrl ? 'SMTP' : 'log' }, orgId });
    deps.mailQueued();
    return res.status(202).send({ to: admin.email });
  });
}
