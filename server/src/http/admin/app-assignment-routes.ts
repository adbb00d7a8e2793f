import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appAssignmentListSchema, appAssignmentParams, appIconSchema, ICON_MAX_CHARS, setAppIconInput } from '../../../../contract/apps.ts';
import { bodyLimitFor } from '../body-limit.ts';
import { deleteApp, getAppAssignments, setAppIcon, unassignApp } from '../../flows/admin/manage-apps.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/**
 * What every type of application has: who it is assigned to and taking it away, its icon, and
 * deleting it.
 * (Creating and assigning live in app-routes.ts.) Another organization's application answers 404.
 */
export async function adminAppAssignmentRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = async (req: Parameters<typeof requireAdmin>[0]) => {
    const p = await requireAdmin(req, deps);
    return { ctx: { orgId: p.orgId, adminId: p.actorId }, deps: flowDeps(deps, req, p.actorId) };
  };

  r.get('/api/admin/apps/:id/assignments', { schema: { params: idParams, response: { 200: appAssignmentListSchema } } }, async (req) => {
    const a = await admin(req);
    return { items: await getAppAssignments(a.ctx, req.params.id, a.deps) };
  });

  r.delete('/api/admin/apps/:id/assignments/:kind/:targetId', { schema: { params: appAssignmentParams } }, async (req, res) => {
    const a = await admin(req);
    const { id, kind, targetId } = req.params;
    await unassignApp(a.ctx, id, kind === 'users' ? { userId: targetId } : { groupId: targetId }, a.deps);
    return res.status(204).send();
  });

  r.post('/api/admin/apps/:id/icon', { bodyLimit: bodyLimitFor(ICON_MAX_CHARS), schema: { params: idParams, body: setAppIconInput, response: { 200: appIconSchema } } }, async (req) => {
    const a = await admin(req);
    return setAppIcon(a.ctx, req.params.id, req.body, a.deps);
  });

  r.delete('/api/admin/apps/:id', { schema: { params: idParams } }, async (req, res) => {
    const a = await admin(req);
    await deleteApp(a.ctx, req.params.id, a.deps);
    return res.status(204).send();
  });
}
