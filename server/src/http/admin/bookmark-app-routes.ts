import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookmarkAppSchema, ICON_MAX_CHARS, updateBookmarkAppInput } from '../../../../contract/apps.ts';
import { bodyLimitFor } from '../body-limit.ts';
import { getBookmarkApp, updateBookmarkApp } from '../../flows/admin/bookmark-apps.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** Bookmark applications of the administrator's organization: read and edit (another's answer 404). */
export async function adminBookmarkAppRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = async (req: Parameters<typeof requireAdmin>[0]) => {
    const p = await requireAdmin(req, deps);
    return { ctx: { orgId: p.orgId, adminId: p.actorId }, deps: flowDeps(deps, req, p.actorId) };
  };

  r.get('/api/admin/apps/bookmark/:id', { schema: { params: idParams, response: { 200: bookmarkAppSchema } } }, async (req) => {
    const a = await admin(req);
    return getBookmarkApp(a.ctx, req.params.id, a.deps);
  });

  r.post('/api/admin/apps/bookmark/:id', { bodyLimit: bodyLimitFor(ICON_MAX_CHARS), schema: { params: idParams, body: updateBookmarkAppInput, response: { 200: bookmarkAppSchema } } }, async (req) => {
    const a = await admin(req);
    return updateBookmarkApp(a.ctx, req.params.id, req.body, a.deps);
  });
}
