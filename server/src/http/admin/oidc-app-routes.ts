import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createOidcAppInput, oidcAppCreatedSchema, oidcAppSchema, oidcAppUpdatedSchema, updateOidcAppInput } from '../../../../contract/oidc-apps.ts';
import { createOidcApp, getOidcApp, rotateOidcSecret, updateOidcApp } from '../../flows/admin/oidc-apps.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** OpenID Connect applications of the administrator's organization (another's answer 404). */
export async function adminOidcAppRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = async (req: Parameters<typeof requireAdmin>[0]) => {
    const p = await requireAdmin(req, deps);
    return { ctx: { orgId: p.orgId, adminId: p.actorId, session: p.session }, deps: flowDeps(deps, req, p.actorId) };
  };

  r.post('/api/admin/apps/oidc', { schema: { body: createOidcAppInput, response: { 201: oidcAppCreatedSchema } } }, async (req, res) => {
    const a = await admin(req);
    return res.status(201).send(await createOidcApp(a.ctx, req.body, a.deps));
  });

  r.get('/api/admin/apps/oidc/:id', { schema: { params: idParams, response: { 200: oidcAppSchema } } }, async (req) => {
    const a = await admin(req);
    return getOidcApp(a.ctx, req.params.id, a.deps);
  });

  r.post('/api/admin/apps/oidc/:id', { schema: { params: idParams, body: updateOidcAppInput, response: { 200: oidcAppUpdatedSchema } } }, async (req) => {
    const a = await admin(req);
    return updateOidcApp(a.ctx, req.params.id, req.body, a.deps);
  });

  r.post('/api/admin/apps/oidc/:id/secret', { schema: { params: idParams, response: { 200: z.object({ clientSecret: z.string() }) } } }, async (req) => {
    const a = await admin(req);
    return rotateOidcSecret(a.ctx, req.params.id, a.deps);
  });
}
