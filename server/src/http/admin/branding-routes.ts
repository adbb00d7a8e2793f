import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { brandingSchema, LOGO_MAX_CHARS, type PublicBranding } from '../../../../contract/branding.ts';
import { bodyLimitFor } from '../body-limit.ts';
import { slugField } from '../../../../contract/fields.ts';
import { findBrandedOrg, findOrgById, updateOrgBranding } from '../../domain/orgs/org-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

/** The organization's look, set by its administrators; the public read serves the login page and portal header. */
export async function brandingRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/branding', { schema: { querystring: z.object({ org: slugField.optional() }) } }, async (req): Promise<PublicBranding> => {
    const org = await findBrandedOrg(deps.db, req.query.org);
    return { name: org ? org.branding.displayName || org.name : null, logo: org?.branding.logo ?? null, accentColor: org?.branding.accentColor ?? null };
  });

  r.get('/api/admin/branding', { schema: { response: { 200: brandingSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return (await findOrgById(deps.db, orgId))!.branding;
  });

  r.post('/api/admin/branding', { bodyLimit: bodyLimitFor(LOGO_MAX_CHARS), schema: { body: brandingSchema } }, async (req) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const before = (await findOrgById(deps.db, orgId))!.branding;
    await deps.db.transaction(async (tx) => {
      await updateOrgBranding(tx, orgId, req.body);
      await recordAudit(tx, requestContext(req, actorId), { event: 'branding.updated', outcome: 'success', orgId, details: { old: { ...before, logo: before.logo ? '(image)' : null }, new: { ...req.body, logo: req.body.logo ? '(image)' : null } } });
    });
    return req.body;
  });
}
