import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchText } from '../../../../contract/fields.ts';
import { AppError } from '../../errors.ts';
import { findAssignedApp, findOrgApp, listAssignedApps, recordLaunch } from '../../domain/apps/app-store.ts';
import { launchUrlOf } from '../../domain/apps/launch-url.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { buildDashboard, presentApp } from '../../flows/portal/dashboard.ts';
import { listMyConsents, withdrawMyConsent } from '../../flows/portal/my-consents.ts';
import { myConsentListSchema } from '../../../../contract/consents.ts';
import { flowDeps, requestContext, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';

/** Dashboard and Applications of the User Portal, scoped to the session's user and organization. */
export async function myAppRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/dashboard', async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    return buildDashboard(user, session, flowDeps(deps, req, user.id));
  });

  r.get('/api/me/apps', { schema: { querystring: z.object({ q: searchText(100).optional() }) } }, async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    return { items: (await listAssignedApps(deps.db, session.orgId, user.id, req.query.q)).map(presentApp) };
  });

  /** A launch is a state change (counted, audited): POST, and the page then opens the returned URL (SSO signs in there). */
  r.post('/api/me/apps/:id/launch', { schema: { params: z.object({ id: z.uuid() }) } }, async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    const target = await findAssignedApp(deps.db, session.orgId, user.id, req.params.id);
    if (!target) {
      // A tile shown before an administrator took the assignment back: it is there, not for them.
      if (await findOrgApp(deps.db, session.orgId, req.params.id)) throw new AppError('app.not_assigned', 'You no longer have access to this application. Ask your administrator.');
      throw new AppError('app.not_found', 'This application does not exist (any more).');
    }
    const url = launchUrlOf(target, deps.config.publicUrl);
    if (!url) throw new AppError('app.no_address', 'This application has no address to open. Ask your administrator.');
    await recordLaunch(deps.db, target.id, user.id);
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'app.launched', outcome: 'success', orgId: session.orgId, targetUserId: user.id, details: { appId: target.id, type: target.type } });
    return { url };
  });

  r.get('/api/me/consents', { schema: { response: { 200: myConsentListSchema } } }, async (req) => {
    const { user } = await requireSignedIn(req, deps);
    return { items: await listMyConsents(user, flowDeps(deps, req, user.id)) };
  });

  r.delete('/api/me/consents/:appId', { schema: { params: z.object({ appId: z.uuid() }) } }, async (req, reply) => {
    const { user } = await requireSignedIn(req, deps);
    await withdrawMyConsent(user, req.params.appId, flowDeps(deps, req, user.id));
    return reply.status(204).send();
  });
}
