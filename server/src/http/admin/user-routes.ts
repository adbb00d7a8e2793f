import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { findMembership, findUserById } from '../../domain/users/user-store.ts';
import { clearFailures, getLockState, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** Users of the administrator's organization. A user of another organization answers 404. */
export async function adminUserRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function memberOfAdminOrg(orgId: string, userId: string) {
    const user = await findUserById(deps.db, userId);
    if (!user || !(await findMembership(deps.db, orgId, userId))) throw new AppError('user.not_found', 'No such user in this organization.');
    return user;
  }

  r.get('/api/admin/users/:id/lockout', { schema: { params: idParams } }, async (req) => {
    const { session } = await requireAdmin(req, deps);
    const user = await memberOfAdminOrg(session.orgId, req.params.id);
    return getLockState(deps.db, lockoutKey(user.emailCanonical));
  });

  r.post('/api/admin/users/:id/unlock', { schema: { params: idParams } }, async (req, res) => {
    const { session, user: admin } = await requireAdmin(req, deps);
    const user = await memberOfAdminOrg(session.orgId, req.params.id);
    await deps.db.transaction(async (tx) => {
      await clearFailures(tx, lockoutKey(user.emailCanonical));
      await recordAudit(tx, requestContext(req, admin.id), { event: 'account.unlocked', outcome: 'success', orgId: session.orgId, targetUserId: user.id });
    });
    return res.status(204).send();
  });
}
