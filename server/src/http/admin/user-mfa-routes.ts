import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberFactorListSchema } from '../../../../contract/admin-users.ts';
import { AppError } from '../../errors.ts';
import { findMembership, findUserById } from '../../domain/users/user-store.ts';
import { listConfirmedFactors, summarizeFactor } from '../../domain/mfa/factor-store.ts';
import { resetMemberMfa } from '../../flows/admin/reset-member-mfa.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireAdmin, requireSignedIn } from '../plugins/authenticate.ts';
import { requireRecentAuthentication } from '../../flows/account/require-recent-authentication.ts';

const idParams = z.object({ id: z.uuid() });

/** An administrator sees a member's factors (never secrets) and can reset them. */
export async function adminUserMfaRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function member(orgId: string, userId: string) {
    const user = await findUserById(deps.db, userId);
    if (!user || !(await findMembership(deps.db, orgId, userId))) throw new AppError('user.not_found', 'No such user in this organization.');
    return user;
  }

  r.get('/api/admin/users/:id/factors', { schema: { params: idParams, response: { 200: memberFactorListSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const user = await member(orgId, req.params.id);
    return { items: (await listConfirmedFactors(deps.db, user.id)).map(summarizeFactor) };
  });

  r.post('/api/admin/users/:id/mfa/reset', { schema: { params: idParams } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    // Removing someone's factors is the first step of taking their account over: from a person,
    // only right after they proved who they are (an API key has no session left open to abuse).
    if (actorId) requireRecentAuthentication(await requireSignedIn(req, deps));
    await resetMemberMfa(flowDeps(deps, req, actorId), { orgId, adminId: actorId }, req.params.id);
    return res.status(204).send();
  });
}
