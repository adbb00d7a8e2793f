import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { findMembership, findUserById } from '../../domain/users/user-store.ts';
import { deleteAllFactors, listConfirmedFactors, summarizeFactor } from '../../domain/mfa/factor-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** An administrator sees a member's factors (never secrets) and can reset them. */
export async function adminUserMfaRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function member(orgId: string, userId: string) {
    const user = await findUserById(deps.db, userId);
    if (!user || !(await findMembership(deps.db, orgId, userId))) throw new AppError('user.not_found', 'No such user in this organization.');
    return user;
  }

  r.get('/api/admin/users/:id/factors', { schema: { params: idParams } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const user = await member(orgId, req.params.id);
    return { items: (await listConfirmedFactors(deps.db, user.id)).map(summarizeFactor) };
  });

  r.post('/api/admin/users/:id/mfa/reset', { schema: { params: idParams } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const user = await member(orgId, req.params.id);
    await deps.db.transaction(async (tx) => {
      const removed = await deleteAllFactors(tx, user.id);
      await recordAudit(tx, requestContext(req, actorId), { event: 'mfa.reset', outcome: 'success', orgId: orgId, targetUserId: user.id, details: { removed } });
      await enqueueMail(tx, { to: user.email, template: 'mfa_reset', lang: user.language, vars: {}, orgId });
    });
    deps.mailQueued();
    return res.status(204).send();
  });
}
